package org.mageos.distribution.core.publish;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import org.mageos.distribution.core.DistributionException;
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
        var builder = S3Client.builder()
                .httpClient(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(15))
                        .socketTimeout(Duration.ofSeconds(120))
                        .build())
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
                files.put(o.key().substring(prefix.length()), new RemoteFile(o.size(), etag.matches("[0-9a-f]{32}") ? etag : null));
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
            throw new DistributionException(display + ": " + what + " failed (" + detail + "): " + e.awsErrorDetails().errorMessage());
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
