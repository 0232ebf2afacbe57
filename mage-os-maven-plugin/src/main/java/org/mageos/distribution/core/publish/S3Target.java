package org.mageos.distribution.core.publish;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.mageos.distribution.core.DistributionException;
import org.mageos.distribution.core.config.NetworkProxy;
import org.mageos.distribution.core.io.LocalFile;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.ProxyConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * An S3 bucket, or a prefix in one, on AWS or any S3-compatible store. Each object is written by one PUT (never
 * visible half-written), with Content-MD5 so that the store checks the bytes. Retries are ours ({@link org.mageos.distribution.core.io.RetryPolicy}):
 * the SDK's own are turned off.
 */
public final class S3Target implements DeployTarget {

    private final S3Client client;
    private final String bucket;
    private final String prefix;
    private final String display;
    private final TargetOptions config;

    private S3Target(S3Client client, String bucket, String prefix, String display, TargetOptions config) {
        this.client = client;
        this.bucket = bucket;
        this.prefix = prefix;
        this.display = display;
        this.config = config;
    }

    static S3Target open(URI url, TargetOptions config) {
        String bucket = url.getAuthority();
        String path = url.getPath() == null ? "" : url.getPath().replaceAll("^/+", "");
        String prefix = path.isEmpty() || path.endsWith("/") ? path : path + "/";
        String display = "s3://" + bucket + "/" + prefix;
        AwsCredentialsProvider credentials = config.username != null && !config.username.isEmpty()
                ? StaticCredentialsProvider.create(AwsBasicCredentials.create(config.username, config.password == null ? "" : config.password))
                : DefaultCredentialsProvider.builder().build();
        var http = UrlConnectionHttpClient.builder()
                .connectionTimeout(Duration.ofSeconds(15))
                .socketTimeout(Duration.ofSeconds(120));
        if (!config.proxies.isEmpty()) {
            http.proxyConfiguration(proxy(config));
        }
        var builder = S3Client.builder()
                .httpClient(http.build())
                .credentialsProvider(credentials)
                .region(region(config))
                .forcePathStyle(config.s3PathStyle)
                // S3-compatible stores do not all take the SDK's newer trailing checksums; Content-MD5 is universal
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()));
        if (config.s3Endpoint != null && !config.s3Endpoint.trim().isEmpty()) {
            try {
                builder.endpointOverride(URI.create(config.s3Endpoint.trim()));
            } catch (IllegalArgumentException e) {
                throw new DistributionException("<s3Endpoint>" + config.s3Endpoint + "</s3Endpoint> is not a valid URL");
            }
        }
        return new S3Target(builder.build(), bucket, prefix, display, config);
    }

    /**
     * The settings.xml proxy of the endpoint's protocol (AWS's endpoints are {@code https}), with its credentials and
     * non-proxy hosts; none (and not the SDK's system properties) when the endpoint's host bypasses it.
     */
    private static ProxyConfiguration proxy(TargetOptions config) {
        String endpoint = config.s3Endpoint == null || config.s3Endpoint.trim().isEmpty() ? "https://s3.amazonaws.com" : config.s3Endpoint.trim();
        NetworkProxy proxy;
        try {
            proxy = config.proxies.forUri(URI.create(endpoint));
        } catch (IllegalArgumentException e) {
            throw new DistributionException("<s3Endpoint>" + config.s3Endpoint + "</s3Endpoint> is not a valid URL");
        }
        ProxyConfiguration.Builder b = ProxyConfiguration.builder().useSystemPropertyValues(false).useEnvironmentVariablesValues(false);
        if (proxy != null) {
            b.endpoint(URI.create("http://" + proxy.host() + ":" + proxy.port())).username(proxy.username()).password(proxy.password())
                    .nonProxyHosts(proxy.nonProxyPatterns().stream().map(Pattern::pattern).collect(Collectors.toSet()));
        }
        return b.build();
    }

    private static Region region(TargetOptions config) {
        if (config.s3Region != null && !config.s3Region.trim().isEmpty()) {
            return Region.of(config.s3Region.trim());
        }
        try {
            return new DefaultAwsRegionProviderChain().getRegion();
        } catch (SdkClientException e) {
            return Region.US_EAST_1;
        }
    }

    @Override
    public String describe() {
        return display;
    }

    @Override
    public Map<String, RemoteFile> list() throws IOException {
        return call("list", () -> {
            Map<String, RemoteFile> files = new TreeMap<>();
            ListObjectsV2Request request = ListObjectsV2Request.builder().bucket(bucket).prefix(prefix).build();
            for (S3Object o : client.listObjectsV2Paginator(request).contents()) {
                if (o.key().endsWith("/")) {
                    continue; // a folder marker, as some stores list them
                }
                String etag = o.eTag() == null ? "" : o.eTag().replace("\"", "").toLowerCase(java.util.Locale.ROOT);
                files.put(o.key().substring(prefix.length()), new RemoteFile(o.size(), etag.matches("[0-9a-f]{32}") ? etag : null, o.eTag()));
            }
            return files;
        });
    }

    @Override
    public InputStream open(String path) throws IOException {
        return call("read " + path, () -> client.getObject(b -> b.bucket(bucket).key(prefix + path)));
    }

    @Override
    public void put(String path, LocalFile file) throws IOException {
        String md5 = Base64.getEncoder().encodeToString(HexFormat.of().parseHex(file.md5));
        call("upload " + path, () -> client.putObject(b -> b.bucket(bucket).key(prefix + path).contentType(file.contentType())
                .contentLength(file.size).contentMD5(md5), RequestBody.fromFile(file.file)));
    }

    @Override
    public Stored read(String path) throws IOException {
        try {
            return call("read " + path, () -> {
                var object = client.getObjectAsBytes(b -> b.bucket(bucket).key(prefix + path));
                return new Stored(object.asByteArray(), object.response().eTag());
            });
        } catch (DistributionException e) {
            if (e.getCause() instanceof S3Exception && ((S3Exception) e.getCause()).statusCode() == 404) {
                return null;
            }
            throw e;
        }
    }

    @Override
    public boolean create(String path, LocalFile file) throws IOException {
        return conditionalPut(path, file, null);
    }

    @Override
    public boolean replaceIfUnchanged(String path, LocalFile file, Stored seen) throws IOException {
        return seen.etag != null && conditionalPut(path, file, seen.etag);
    }

    /** Writes over the file this deploy listed (If-Match its ETag), or where there was none (If-None-Match: *). */
    @Override
    public void replace(String path, LocalFile file, RemoteFile seen) throws IOException {
        if (seen != null && seen.etag == null) {
            put(path, file);
            return;
        }
        if (!conditionalPut(path, file, seen == null ? null : seen.etag)) {
            throw new DistributionException("Deploy to " + display + " stopped: " + path + " was changed by another writer during this deploy "
                    + "(a deploy that does not take the lock?); nothing that was published references a missing file, deploy again");
        }
    }

    /**
     * A PUT that S3 refuses (412) when the object is not at {@code etag} (null: when there is one); false then. A
     * refusal of a retried PUT whose first attempt went through (the object has our bytes) counts as done.
     */
    private boolean conditionalPut(String path, LocalFile file, String etag) throws IOException {
        String md5 = Base64.getEncoder().encodeToString(HexFormat.of().parseHex(file.md5));
        try {
            call("upload " + path, () -> client.putObject(b -> {
                b.bucket(bucket).key(prefix + path).contentType(file.contentType()).contentLength(file.size).contentMD5(md5);
                if (etag == null) {
                    b.ifNoneMatch("*");
                } else {
                    b.ifMatch(etag);
                }
            }, RequestBody.fromFile(file.file)));
            return true;
        } catch (DistributionException e) {
            if (!(e.getCause() instanceof S3Exception) || ((S3Exception) e.getCause()).statusCode() != 412) {
                throw e;
            }
        } catch (IOException e) {
            // a store may refuse a conditional PUT (412) before it reads the body and close the connection: the
            // client then reports a broken request, not the refusal. What the store holds now tells which it was.
            String now = etagOf(path);
            boolean refused = etag == null ? now != null : now != null && !unquoted(now).equalsIgnoreCase(unquoted(etag));
            if (now != null && unquoted(now).equalsIgnoreCase(file.md5)) {
                return true;
            }
            if (refused) {
                return false;
            }
            throw e;
        }
        String now = etagOf(path);
        return now != null && unquoted(now).equalsIgnoreCase(file.md5);
    }

    /** The ETag of an object; null when there is none. */
    private String etagOf(String path) throws IOException {
        try {
            return call("check " + path, () -> client.headObject(b -> b.bucket(bucket).key(prefix + path)).eTag());
        } catch (DistributionException e) {
            return null;
        }
    }

    private static String unquoted(String etag) {
        return etag.replace("\"", "");
    }

    @Override
    public void delete(String path) throws IOException {
        call("delete " + path, () -> client.deleteObject(b -> b.bucket(bucket).key(prefix + path)));
    }

    @Override
    public boolean remote() {
        return true;
    }

    @Override
    public void close() {
        client.close();
    }

    private interface S3Call<T> {
        T run();
    }

    /** Server errors and network failures are transient (IOException); the rest names what to fix. */
    private <T> T call(String what, S3Call<T> call) throws IOException {
        try {
            return call.run();
        } catch (S3Exception e) {
            int status = e.statusCode();
            String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
            String detail = (code == null ? "HTTP " + status : code + ", HTTP " + status);
            if (status >= 500 || status == 429 || "RequestTimeout".equals(code) || "SlowDown".equals(code)) {
                throw new IOException(what + ": " + detail, e);
            }
            if ("NoSuchBucket".equals(code)) {
                throw new DistributionException(display + ": the bucket '" + bucket + "' does not exist (" + detail + ")");
            }
            if (status == 403 || status == 401 || "InvalidAccessKeyId".equals(code) || "SignatureDoesNotMatch".equals(code)) {
                throw new DistributionException(display + ": access denied (" + detail + ") to " + what + " with "
                        + config.credentialsSource());
            }
            throw new DistributionException(display + ": " + what + " failed (" + detail + "): "
                    + (e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorMessage()), e);
        } catch (SdkClientException e) {
            if (e.getMessage() != null && e.getMessage().contains("Unable to load credentials")) {
                throw new DistributionException(display + ": no credentials: set <deployServerId> to a settings.xml <server> "
                        + "(username = access key id, password = secret key) or configure the AWS SDK's default chain");
            }
            throw new IOException(what + ": " + e.getMessage(), e);
        } catch (SdkException | java.io.UncheckedIOException e) {
            throw new IOException(what + ": " + e.getMessage(), e);
        }
    }
}
