package org.fedoraproject.pdcupdater.source.compose;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Objects;

/**
 * Where one Pungi compose lives: the {@code compose/} directory that a {@code pungi.compose.status.change} message
 * gives as {@code location} (e.g. {@code http://kojipkgs.fedoraproject.org/compose//rawhide/Fedora-24-20151130.n.2/compose}),
 * whose {@code metadata/} holds {@code composeinfo.json}, {@code rpms.json} and {@code images.json}. Its parent is
 * the compose's top directory, which holds {@code STATUS}.
 *
 * @param uri the {@code compose/} directory, always ending in '/', repeated slashes collapsed
 */
public record ComposeLocation(URI uri) {

    public ComposeLocation {
        Objects.requireNonNull(uri, "uri");
        if (!"http".equalsIgnoreCase(uri.getScheme()) && !"https".equalsIgnoreCase(uri.getScheme())) {
            throw new IllegalArgumentException("a compose location must be an http(s) URL: " + uri);
        }
        uri = normalized(uri);
    }

    /**
     * Parses a message's {@code location}. Pungi wrote {@code compose//rawhide/...} for years; the double slash is
     * harmless on kojipkgs but would make relative resolution and comparisons brittle, so it is collapsed.
     *
     * @throws IllegalArgumentException when it is not an absolute http(s) URL
     */
    public static ComposeLocation parse(String location) {
        if (location == null || location.isBlank()) {
            throw new IllegalArgumentException("no compose location");
        }
        URI uri;
        try {
            uri = new URI(location.strip());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a URL: " + location, e);
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("not an absolute URL: " + location);
        }
        return new ComposeLocation(uri);
    }

    /** The compose directory of a compose's top directory ({@code .../Fedora-24-20151130.n.2/} → {@code .../compose/}). */
    public static ComposeLocation ofTopDirectory(URI top) {
        return new ComposeLocation(normalized(top).resolve("compose/"));
    }

    /** {@code metadata/<file>} of this compose. */
    public URI metadata(String file) {
        return uri.resolve("metadata/" + file);
    }

    /** The compose's top directory (the parent of {@code compose/}). */
    public URI topDirectory() {
        return uri.resolve("..");
    }

    @Override
    public String toString() {
        return uri.toString();
    }

    private static URI normalized(URI uri) {
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        path = path.replaceAll("/{2,}", "/");
        if (!path.endsWith("/")) {
            path = path + "/";
        }
        try {
            return new URI(uri.getScheme(), uri.getRawAuthority(), null, null, null)
                    .resolve(path).normalize();
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a URL: " + uri, e);
        }
    }
}
