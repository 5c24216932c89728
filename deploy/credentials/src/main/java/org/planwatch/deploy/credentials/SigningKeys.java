package org.planwatch.deploy.credentials;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * The RSA key pair tokens are signed with: the private key stays with whoever issues tokens, the
 * public key ({@code public-key.pem}, X.509 PEM) is what the services verify with
 * ({@code mp.jwt.verify.publickey.location}).
 */
public record SigningKeys(PrivateKey privateKey, PublicKey publicKey) {

    public static final String PRIVATE_KEY_FILE = "private-key.pem";
    public static final String PUBLIC_KEY_FILE = "public-key.pem";

    public static SigningKeys generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            return new SigningKeys(pair.getPrivate(), pair.getPublic());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA key generation is not available", e);
        }
    }

    /** The keys written by {@link #writeTo} into {@code directory}. */
    public static SigningKeys readFrom(Path directory) {
        try {
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            PrivateKey privateKey = rsa.generatePrivate(new PKCS8EncodedKeySpec(pem(directory.resolve(PRIVATE_KEY_FILE))));
            PublicKey publicKey = rsa.generatePublic(new X509EncodedKeySpec(pem(directory.resolve(PUBLIC_KEY_FILE))));
            return new SigningKeys(privateKey, publicKey);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the keys in " + directory + " are not an RSA key pair", e);
        }
    }

    /** The pair of the PKCS#8 PEM private key in {@code file} (its public half is derived from it). */
    public static SigningKeys fromPrivateKey(Path file) {
        try {
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            PrivateKey privateKey = rsa.generatePrivate(new PKCS8EncodedKeySpec(pem(file)));
            if (!(privateKey instanceof RSAPrivateCrtKey crt)) {
                throw new IllegalStateException(file + " holds no RSA private key with its public exponent");
            }
            PublicKey publicKey = rsa.generatePublic(new RSAPublicKeySpec(crt.getModulus(), crt.getPublicExponent()));
            return new SigningKeys(privateKey, publicKey);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(file + " is not an RSA private key (PKCS#8 PEM)", e);
        }
    }

    /** Writes {@code private-key.pem} (PKCS#8, readable by the owner only where the file system allows) and {@code public-key.pem}. */
    public SigningKeys writeTo(Path directory) {
        try {
            Files.createDirectories(directory);
            Path privateFile = directory.resolve(PRIVATE_KEY_FILE);
            Files.writeString(privateFile, pem("PRIVATE KEY", privateKey.getEncoded()), StandardCharsets.US_ASCII);
            privateFile.toFile().setReadable(false, false);
            privateFile.toFile().setReadable(true, true);
            Files.writeString(directory.resolve(PUBLIC_KEY_FILE), pem("PUBLIC KEY", publicKey.getEncoded()), StandardCharsets.US_ASCII);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the keys to " + directory, e);
        }
    }

    private static String pem(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }

    private static byte[] pem(Path file) {
        try {
            String text = Files.readString(file, StandardCharsets.US_ASCII);
            return Base64.getMimeDecoder().decode(text.replaceAll("-----[A-Z ]+-----", "").strip());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
