package io.callbridge.common.kafka;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

import java.io.IOException;

/** Reads one event type written by {@link JsonSerializer}. */
public abstract class JsonDeserializer<T> implements Deserializer<T> {

    private final Class<T> type;

    protected JsonDeserializer(Class<T> type) {
        this.type = type;
    }

    @Override
    public T deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        try {
            return EventJson.MAPPER.readValue(data, type);
        } catch (IOException | IllegalArgumentException e) {
            throw new SerializationException("not a " + type.getSimpleName() + " on " + topic + ": " + e.getMessage(), e);
        }
    }
}
