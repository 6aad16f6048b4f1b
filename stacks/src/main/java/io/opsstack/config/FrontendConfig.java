package io.opsstack.config;

/**
 * An optional frontend (the {@code frontend} section). nginx stays the single entry: /api/ and the backend's health
 * endpoints go to the backend, everything else to the frontend.
 *
 * @param kind       server (a container such as Next.js, proxied) or static (files the image holds, served by nginx)
 * @param image      image without tag
 * @param tag        image tag (not latest)
 * @param port       server: the port the container listens on
 * @param replicas   server: containers per host
 * @param healthPath server: the path its healthcheck requests
 * @param apiBaseUrl server: NEXT_PUBLIC_API_BASE_URL, where the browser finds the backend
 * @param staticPath static: the directory in the image that holds the built files
 */
public record FrontendConfig(Kind kind, String image, String tag, int port, int replicas, String healthPath,
                             String apiBaseUrl, String staticPath) {

    /** How the frontend is served. */
    public enum Kind {
        SERVER, STATIC
    }

    public String imageRef() {
        return image + ":" + tag;
    }

    public boolean server() {
        return kind == Kind.SERVER;
    }
}
