/**
 * Small helpers shared by the broker and database launchers. Public only so that the sibling packages can use
 * them; not meant as API for services.
 */
package io.callbridge.infra.support;
