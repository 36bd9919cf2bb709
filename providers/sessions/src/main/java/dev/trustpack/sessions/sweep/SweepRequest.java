package dev.trustpack.sessions.sweep;

import java.net.URI;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.PathSegment;
import jakarta.ws.rs.core.UriBuilder;
import jakarta.ws.rs.core.UriInfo;
import org.keycloak.http.FormPartValue;
import org.keycloak.http.HttpRequest;

/**
 * What Keycloak's logout needs from "the request" when the sweep ends a session outside any request: the server's
 * base address (for the back-channel logout token's issuer, which the hostname settings may still override) and no
 * headers, cookies or client certificate.
 */
final class SweepRequest implements HttpRequest {

    private final URI base;

    SweepRequest(URI base) {
        this.base = base;
    }

    /** A logout is a state change; nothing Keycloak's logout does depends on it. */
    @Override
    public String getHttpMethod() {
        return "POST";
    }

    @Override
    public MultivaluedMap<String, String> getDecodedFormParameters() {
        return new MultivaluedHashMap<>();
    }

    @Override
    public MultivaluedMap<String, FormPartValue> getMultiPartFormParameters() {
        return new MultivaluedHashMap<>();
    }

    @Override
    public HttpHeaders getHttpHeaders() {
        return NoHeaders.INSTANCE;
    }

    @Override
    public X509Certificate[] getClientCertificateChain() {
        return null;
    }

    @Override
    public UriInfo getUri() {
        return new BaseOnly(base);
    }

    @Override
    public boolean isProxyTrusted() {
        return false;
    }

    /** A request at the server's base address, with no path or query of its own. */
    private record BaseOnly(URI base) implements UriInfo {

        @Override
        public String getPath() {
            return "/";
        }

        @Override
        public String getPath(boolean decode) {
            return "/";
        }

        @Override
        public List<PathSegment> getPathSegments() {
            return List.of();
        }

        @Override
        public List<PathSegment> getPathSegments(boolean decode) {
            return List.of();
        }

        @Override
        public URI getRequestUri() {
            return base;
        }

        @Override
        public UriBuilder getRequestUriBuilder() {
            return UriBuilder.fromUri(base);
        }

        @Override
        public URI getAbsolutePath() {
            return base;
        }

        @Override
        public UriBuilder getAbsolutePathBuilder() {
            return UriBuilder.fromUri(base);
        }

        @Override
        public URI getBaseUri() {
            return base;
        }

        @Override
        public UriBuilder getBaseUriBuilder() {
            return UriBuilder.fromUri(base);
        }

        @Override
        public MultivaluedMap<String, String> getPathParameters() {
            return new MultivaluedHashMap<>();
        }

        @Override
        public MultivaluedMap<String, String> getPathParameters(boolean decode) {
            return new MultivaluedHashMap<>();
        }

        @Override
        public MultivaluedMap<String, String> getQueryParameters() {
            return new MultivaluedHashMap<>();
        }

        @Override
        public MultivaluedMap<String, String> getQueryParameters(boolean decode) {
            return new MultivaluedHashMap<>();
        }

        @Override
        public List<String> getMatchedURIs() {
            return List.of();
        }

        @Override
        public List<String> getMatchedURIs(boolean decode) {
            return List.of();
        }

        @Override
        public List<Object> getMatchedResources() {
            return List.of();
        }

        @Override
        public URI resolve(URI uri) {
            return base.resolve(uri);
        }

        @Override
        public URI relativize(URI uri) {
            return base.relativize(uri);
        }
    }

    private enum NoHeaders implements HttpHeaders {
        INSTANCE;

        @Override
        public List<String> getRequestHeader(String name) {
            return List.of();
        }

        @Override
        public String getHeaderString(String name) {
            return null;
        }

        @Override
        public MultivaluedMap<String, String> getRequestHeaders() {
            return new MultivaluedHashMap<>();
        }

        @Override
        public List<MediaType> getAcceptableMediaTypes() {
            return List.of(MediaType.WILDCARD_TYPE);
        }

        @Override
        public List<Locale> getAcceptableLanguages() {
            return List.of();
        }

        @Override
        public MediaType getMediaType() {
            return null;
        }

        @Override
        public Locale getLanguage() {
            return null;
        }

        @Override
        public Map<String, Cookie> getCookies() {
            return Map.of();
        }

        @Override
        public java.util.Date getDate() {
            return null;
        }

        @Override
        public int getLength() {
            return -1;
        }
    }
}
