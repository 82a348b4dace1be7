package dev.stratus.bus.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.Signature;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;

/**
 * A self-signed X.509 v3 certificate for the bus's signing key, DER-encoded by hand because the JDK has no public
 * certificate builder. {@code openssl x509} and {@code CertificateFactory} read it; it verifies SNS signatures the
 * way AWS's {@code SigningCertURL} certificate does.
 */
public final class SelfSignedCertificate {
    private static final byte[] SHA256_WITH_RSA = {0x2A, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xF7, 0x0D, 0x01,
        0x01, 0x0B};
    private static final byte[] COMMON_NAME = {0x55, 0x04, 0x03};
    private static final DateTimeFormatter UTC_TIME = DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'")
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter GENERALIZED_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private SelfSignedCertificate() {
    }

    /** The DER certificate for {@code keys}, named {@code commonName}, valid from {@code notBefore} for 10 years. */
    public static byte[] create(final KeyPair keys, final String commonName, final Instant notBefore) {
        byte[] serial = new byte[9];
        new SecureRandom().nextBytes(serial);
        serial[0] = 0x01;
        byte[] algorithm = sequence(tlv(0x06, SHA256_WITH_RSA), tlv(0x05, new byte[0]));
        byte[] name = sequence(tlv(0x31, sequence(tlv(0x06, COMMON_NAME),
                tlv(0x0C, commonName.getBytes(StandardCharsets.UTF_8)))));
        Instant notAfter = notBefore.atZone(ZoneOffset.UTC).plusYears(10).toInstant();
        byte[] validity = sequence(time(notBefore), time(notAfter));
        byte[] tbs = sequence(tlv(0xA0, tlv(0x02, new byte[] {2})), tlv(0x02, serial), algorithm, name, validity,
                name, keys.getPublic().getEncoded());
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(keys.getPrivate());
            signature.update(tbs);
            byte[] signed = signature.sign();
            byte[] bits = new byte[signed.length + 1];
            System.arraycopy(signed, 0, bits, 1, signed.length);
            return sequence(tbs, algorithm, tlv(0x03, bits));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot self-sign the signing certificate", e);
        }
    }

    /** PEM text of a DER certificate. */
    public static String pem(final byte[] der) {
        return "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END CERTIFICATE-----\n";
    }

    private static byte[] time(final Instant instant) {
        int year = instant.atZone(ZoneOffset.UTC).getYear();
        // X.509: UTCTime through 2049, GeneralizedTime after
        return year >= 1950 && year < 2050 ? tlv(0x17, UTC_TIME.format(instant).getBytes(StandardCharsets.US_ASCII))
                : tlv(0x18, GENERALIZED_TIME.format(instant).getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] sequence(final byte[]... parts) {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            content.writeBytes(part);
        }
        return tlv(0x30, content.toByteArray());
    }

    private static byte[] tlv(final int tag, final byte[] value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(value.length + 6);
        out.write(tag);
        int length = value.length;
        if (length < 0x80) {
            out.write(length);
        } else {
            int bytes = length > 0xFFFFFF ? 4 : length > 0xFFFF ? 3 : length > 0xFF ? 2 : 1;
            out.write(0x80 | bytes);
            for (int shift = (bytes - 1) * 8; shift >= 0; shift -= 8) {
                out.write((length >>> shift) & 0xFF);
            }
        }
        out.writeBytes(value);
        return out.toByteArray();
    }
}
