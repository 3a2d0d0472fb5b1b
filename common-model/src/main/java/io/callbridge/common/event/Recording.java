package io.callbridge.common.event;

/**
 * A recording of the call.
 *
 * @param location           full path or URL of the file ({@code RECORDING_FILE_NAME}, {@code audiofile})
 * @param fileName           the file's name alone
 * @param deletionProtected  kept from retention ({@code bDeletionProtected})
 */
public record Recording(String location, String fileName, Boolean deletionProtected) {
}
