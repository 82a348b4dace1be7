package dev.stratus.bus.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.util.Base64;

/**
 * Signs SNS envelopes with an RSA key made once per bus: SignatureVersion 1 is SHA1withRSA, 2 is SHA256withRSA,
 * over AWS's string to sign. Keys come from {@code SecureRandom}, never from the seedable random source.
 */
public final class Signer {
    private volatile KeyPair keys;
    private volatile String certificatePem;

    /** The public key, as PEM, for verifying signatures. */
    public String publicKeyPem() {
        PublicKey key = keys().getPublic();
        return "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(key.getEncoded()) + "\n-----END PUBLIC KEY-----\n";
    }

    /** The self-signed X.509 certificate of the signing key, as PEM, made on first use. */
    public String certificatePem(final String commonName, final java.time.Instant notBefore) {
        String pem = certificatePem;
        if (pem == null) {
            synchronized (this) {
                pem = certificatePem;
                if (pem == null) {
                    pem = SelfSignedCertificate.pem(SelfSignedCertificate.create(keys(), commonName, notBefore));
                    certificatePem = pem;
                }
            }
        }
        return pem;
    }

    /** The public key. */
    public PublicKey publicKey() {
        return keys().getPublic();
    }

    /** The base64 signature of {@code stringToSign} for the given version ("1" or "2"). */
    public String sign(final String stringToSign, final String version) {
        try {
            Signature signature = Signature.getInstance(algorithm(version));
            signature.initSign(keys().getPrivate());
            signature.update(stringToSign.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign with " + algorithm(version), e);
        }
    }

    /** The JDK algorithm for a SignatureVersion. */
    public static String algorithm(final String version) {
        return "2".equals(version) ? "SHA256withRSA" : "SHA1withRSA";
    }

    /**
     * AWS's string to sign: for each present field in order, {@code name\nvalue\n}. Notifications use Message,
     * MessageId, Subject, Timestamp, TopicArn, Type; confirmations use Message, MessageId, SubscribeURL, Timestamp,
     * Token, TopicArn, Type.
     */
    public static String stringToSign(final String... namesAndValues) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            if (namesAndValues[i + 1] != null) {
                text.append(namesAndValues[i]).append('\n').append(namesAndValues[i + 1]).append('\n');
            }
        }
        return text.toString();
    }

    private KeyPair keys() {
        KeyPair current = keys;
        if (current == null) {
            synchronized (this) {
                current = keys;
                if (current == null) {
                    try {
                        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                        generator.initialize(2048, new SecureRandom());
                        current = generator.generateKeyPair();
                        keys = current;
                    } catch (GeneralSecurityException e) {
                        throw new IllegalStateException("cannot generate an RSA key", e);
                    }
                }
            }
        }
        return current;
    }
}
