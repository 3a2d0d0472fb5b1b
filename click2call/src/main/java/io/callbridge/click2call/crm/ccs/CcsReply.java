package io.callbridge.click2call.crm.ccs;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The answer shape of the Call Center Studio-style API: {@code login} says whether the session (or the login) is
 * good; {@code false} means "log in again".
 *
 * @param login         whether the login succeeded, or the session is still valid
 * @param session       the new session, from a login
 * @param activecallkey the id of the placed call, from click2call (our dial request id, for {@code GET /v1/calls/{id}})
 * @param error         why not, when something was refused
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CcsReply(boolean login, String session, String activecallkey, String error) {

    static CcsReply loggedIn(String session) {
        return new CcsReply(true, session, null, null);
    }

    static CcsReply calling(String activecallkey) {
        return new CcsReply(true, null, activecallkey, null);
    }
}
