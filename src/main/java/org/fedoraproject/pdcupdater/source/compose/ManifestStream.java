package org.fedoraproject.pdcupdater.source.compose;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.OptionalLong;

/**
 * An open metadata download (rpms.json), read as it arrives: the body is never held whole.
 *
 * @param uri    where it comes from (credential-free, for messages)
 * @param body   the response body
 * @param length the Content-Length, when the server sent one
 */
public record ManifestStream(URI uri, InputStream body, OptionalLong length) implements AutoCloseable {

    @Override
    public void close() {
        try {
            body.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
