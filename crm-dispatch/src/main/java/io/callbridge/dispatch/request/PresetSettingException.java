package io.callbridge.dispatch.request;

/** A preset setting that is missing or invalid. */
public final class PresetSettingException extends IllegalArgumentException {

    private final String setting;

    public PresetSettingException(String setting, String message) {
        super(message);
        this.setting = setting;
    }

    public String setting() {
        return setting;
    }
}
