package org.ucspi4j.runtime.tls;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * OpenSSL's short and long names for the object identifiers that show up in certificate fields: the
 * attribute types of distinguished names (what {@code X509_NAME_oneline} prints before {@code =}) and
 * signature and public-key algorithms (what {@code OBJ_nid2ln} gives for {@code SSL_*_A_SIG} and
 * {@code SSL_*_A_KEY}). Where OpenSSL defines only one of the two names it uses it for both, and so
 * does this table. The names are those of OpenSSL 3.0's object table.
 */
final class OpenSslObjects {
    private OpenSslObjects() {}

    /** An identifier's OpenSSL names. */
    public record Names(String shortName, String longName) {}

    // Columns: OID | short name (OBJ_nid2sn) | long name (OBJ_nid2ln).
    private static final String TABLE = """
            # Attribute types of names (X.520, RFC 4519/4524, PKCS #9, EV jurisdiction, RFC 3039)
            0.9.2342.19200300.100.1.1  | UID                                      | userId
            0.9.2342.19200300.100.1.2  | textEncodedORAddress                     | textEncodedORAddress
            0.9.2342.19200300.100.1.3  | mail                                     | rfc822Mailbox
            0.9.2342.19200300.100.1.4  | info                                     | info
            0.9.2342.19200300.100.1.5  | favouriteDrink                           | favouriteDrink
            0.9.2342.19200300.100.1.6  | roomNumber                               | roomNumber
            0.9.2342.19200300.100.1.7  | photo                                    | photo
            0.9.2342.19200300.100.1.8  | userClass                                | userClass
            0.9.2342.19200300.100.1.9  | host                                     | host
            0.9.2342.19200300.100.1.10 | manager                                  | manager
            0.9.2342.19200300.100.1.11 | documentIdentifier                       | documentIdentifier
            0.9.2342.19200300.100.1.12 | documentTitle                            | documentTitle
            0.9.2342.19200300.100.1.13 | documentVersion                          | documentVersion
            0.9.2342.19200300.100.1.14 | documentAuthor                           | documentAuthor
            0.9.2342.19200300.100.1.15 | documentLocation                         | documentLocation
            0.9.2342.19200300.100.1.20 | homeTelephoneNumber                      | homeTelephoneNumber
            0.9.2342.19200300.100.1.21 | secretary                                | secretary
            0.9.2342.19200300.100.1.22 | otherMailbox                             | otherMailbox
            0.9.2342.19200300.100.1.23 | lastModifiedTime                         | lastModifiedTime
            0.9.2342.19200300.100.1.24 | lastModifiedBy                           | lastModifiedBy
            0.9.2342.19200300.100.1.25 | DC                                       | domainComponent
            0.9.2342.19200300.100.1.26 | aRecord                                  | aRecord
            0.9.2342.19200300.100.1.27 | pilotAttributeType27                     | pilotAttributeType27
            0.9.2342.19200300.100.1.28 | mXRecord                                 | mXRecord
            0.9.2342.19200300.100.1.29 | nSRecord                                 | nSRecord
            0.9.2342.19200300.100.1.30 | sOARecord                                | sOARecord
            0.9.2342.19200300.100.1.31 | cNAMERecord                              | cNAMERecord
            0.9.2342.19200300.100.1.37 | associatedDomain                         | associatedDomain
            0.9.2342.19200300.100.1.38 | associatedName                           | associatedName
            0.9.2342.19200300.100.1.39 | homePostalAddress                        | homePostalAddress
            0.9.2342.19200300.100.1.40 | personalTitle                            | personalTitle
            0.9.2342.19200300.100.1.41 | mobileTelephoneNumber                    | mobileTelephoneNumber
            0.9.2342.19200300.100.1.42 | pagerTelephoneNumber                     | pagerTelephoneNumber
            0.9.2342.19200300.100.1.43 | friendlyCountryName                      | friendlyCountryName
            0.9.2342.19200300.100.1.44 | uid                                      | uniqueIdentifier
            0.9.2342.19200300.100.1.45 | organizationalStatus                     | organizationalStatus
            0.9.2342.19200300.100.1.46 | janetMailbox                             | janetMailbox
            0.9.2342.19200300.100.1.47 | mailPreferenceOption                     | mailPreferenceOption
            0.9.2342.19200300.100.1.48 | buildingName                             | buildingName
            0.9.2342.19200300.100.1.49 | dSAQuality                               | dSAQuality
            0.9.2342.19200300.100.1.50 | singleLevelQuality                       | singleLevelQuality
            0.9.2342.19200300.100.1.51 | subtreeMinimumQuality                    | subtreeMinimumQuality
            0.9.2342.19200300.100.1.52 | subtreeMaximumQuality                    | subtreeMaximumQuality
            0.9.2342.19200300.100.1.53 | personalSignature                        | personalSignature
            0.9.2342.19200300.100.1.54 | dITRedirect                              | dITRedirect
            0.9.2342.19200300.100.1.55 | audio                                    | audio
            0.9.2342.19200300.100.1.56 | documentPublisher                        | documentPublisher
            1.2.840.113549.1.9.1       | emailAddress                             | emailAddress
            1.2.840.113549.1.9.2       | unstructuredName                         | unstructuredName
            1.2.840.113549.1.9.7       | challengePassword                        | challengePassword
            1.2.840.113549.1.9.8       | unstructuredAddress                      | unstructuredAddress
            1.3.6.1.4.1.311.60.2.1.1   | jurisdictionL                            | jurisdictionLocalityName
            1.3.6.1.4.1.311.60.2.1.2   | jurisdictionST                           | jurisdictionStateOrProvinceName
            1.3.6.1.4.1.311.60.2.1.3   | jurisdictionC                            | jurisdictionCountryName
            1.3.6.1.5.5.7.9.1          | id-pda-dateOfBirth                       | id-pda-dateOfBirth
            1.3.6.1.5.5.7.9.2          | id-pda-placeOfBirth                      | id-pda-placeOfBirth
            1.3.6.1.5.5.7.9.3          | id-pda-gender                            | id-pda-gender
            1.3.6.1.5.5.7.9.4          | id-pda-countryOfCitizenship              | id-pda-countryOfCitizenship
            1.3.6.1.5.5.7.9.5          | id-pda-countryOfResidence                | id-pda-countryOfResidence
            2.5.4.3                    | CN                                       | commonName
            2.5.4.4                    | SN                                       | surname
            2.5.4.5                    | serialNumber                             | serialNumber
            2.5.4.6                    | C                                        | countryName
            2.5.4.7                    | L                                        | localityName
            2.5.4.8                    | ST                                       | stateOrProvinceName
            2.5.4.9                    | street                                   | streetAddress
            2.5.4.10                   | O                                        | organizationName
            2.5.4.11                   | OU                                       | organizationalUnitName
            2.5.4.12                   | title                                    | title
            2.5.4.13                   | description                              | description
            2.5.4.14                   | searchGuide                              | searchGuide
            2.5.4.15                   | businessCategory                         | businessCategory
            2.5.4.16                   | postalAddress                            | postalAddress
            2.5.4.17                   | postalCode                               | postalCode
            2.5.4.18                   | postOfficeBox                            | postOfficeBox
            2.5.4.19                   | physicalDeliveryOfficeName               | physicalDeliveryOfficeName
            2.5.4.20                   | telephoneNumber                          | telephoneNumber
            2.5.4.21                   | telexNumber                              | telexNumber
            2.5.4.22                   | teletexTerminalIdentifier                | teletexTerminalIdentifier
            2.5.4.23                   | facsimileTelephoneNumber                 | facsimileTelephoneNumber
            2.5.4.24                   | x121Address                              | x121Address
            2.5.4.25                   | internationaliSDNNumber                  | internationaliSDNNumber
            2.5.4.26                   | registeredAddress                        | registeredAddress
            2.5.4.27                   | destinationIndicator                     | destinationIndicator
            2.5.4.28                   | preferredDeliveryMethod                  | preferredDeliveryMethod
            2.5.4.29                   | presentationAddress                      | presentationAddress
            2.5.4.30                   | supportedApplicationContext              | supportedApplicationContext
            2.5.4.31                   | member                                   | member
            2.5.4.32                   | owner                                    | owner
            2.5.4.33                   | roleOccupant                             | roleOccupant
            2.5.4.34                   | seeAlso                                  | seeAlso
            2.5.4.35                   | userPassword                             | userPassword
            2.5.4.36                   | userCertificate                          | userCertificate
            2.5.4.37                   | cACertificate                            | cACertificate
            2.5.4.38                   | authorityRevocationList                  | authorityRevocationList
            2.5.4.39                   | certificateRevocationList                | certificateRevocationList
            2.5.4.40                   | crossCertificatePair                     | crossCertificatePair
            2.5.4.41                   | name                                     | name
            2.5.4.42                   | GN                                       | givenName
            2.5.4.43                   | initials                                 | initials
            2.5.4.44                   | generationQualifier                      | generationQualifier
            2.5.4.45                   | x500UniqueIdentifier                     | x500UniqueIdentifier
            2.5.4.46                   | dnQualifier                              | dnQualifier
            2.5.4.47                   | enhancedSearchGuide                      | enhancedSearchGuide
            2.5.4.48                   | protocolInformation                      | protocolInformation
            2.5.4.49                   | distinguishedName                        | distinguishedName
            2.5.4.50                   | uniqueMember                             | uniqueMember
            2.5.4.51                   | houseIdentifier                          | houseIdentifier
            2.5.4.52                   | supportedAlgorithms                      | supportedAlgorithms
            2.5.4.53                   | deltaRevocationList                      | deltaRevocationList
            2.5.4.54                   | dmdName                                  | dmdName
            2.5.4.65                   | pseudonym                                | pseudonym
            2.5.4.72                   | role                                     | role
            2.5.4.97                   | organizationIdentifier                   | organizationIdentifier
            2.5.4.98                   | c3                                       | countryCode3c
            2.5.4.99                   | n3                                       | countryCode3n
            2.5.4.100                  | dnsName                                  | dnsName
            # Signature and public-key algorithms
            1.2.156.10197.1.301        | SM2                                      | sm2
            1.2.156.10197.1.501        | SM2-SM3                                  | SM2-with-SM3
            1.2.156.10197.1.504        | RSA-SM3                                  | sm3WithRSAEncryption
            1.2.643.2.2.3              | id-GostR3411-94-with-GostR3410-2001      | GOST R 34.11-94 with GOST R 34.10-2001
            1.2.643.2.2.4              | id-GostR3411-94-with-GostR3410-94        | GOST R 34.11-94 with GOST R 34.10-94
            1.2.643.2.2.19             | gost2001                                 | GOST R 34.10-2001
            1.2.643.2.2.20             | gost94                                   | GOST R 34.10-94
            1.2.643.7.1.1.1.1          | gost2012_256                             | GOST R 34.10-2012 with 256 bit modulus
            1.2.643.7.1.1.1.2          | gost2012_512                             | GOST R 34.10-2012 with 512 bit modulus
            1.2.643.7.1.1.3.2          | id-tc26-signwithdigest-gost3410-2012-256 | GOST R 34.10-2012 with GOST R 34.11-2012 (256 bit)
            1.2.643.7.1.1.3.3          | id-tc26-signwithdigest-gost3410-2012-512 | GOST R 34.10-2012 with GOST R 34.11-2012 (512 bit)
            1.2.840.10040.4.1          | DSA                                      | dsaEncryption
            1.2.840.10040.4.3          | DSA-SHA1                                 | dsaWithSHA1
            1.2.840.10045.2.1          | id-ecPublicKey                           | id-ecPublicKey
            1.2.840.10045.4.1          | ecdsa-with-SHA1                          | ecdsa-with-SHA1
            1.2.840.10045.4.3.1        | ecdsa-with-SHA224                        | ecdsa-with-SHA224
            1.2.840.10045.4.3.2        | ecdsa-with-SHA256                        | ecdsa-with-SHA256
            1.2.840.10045.4.3.3        | ecdsa-with-SHA384                        | ecdsa-with-SHA384
            1.2.840.10045.4.3.4        | ecdsa-with-SHA512                        | ecdsa-with-SHA512
            1.2.840.10046.2.1          | dhpublicnumber                           | X9.42 DH
            1.2.840.113549.1.1.1       | rsaEncryption                            | rsaEncryption
            1.2.840.113549.1.1.2       | RSA-MD2                                  | md2WithRSAEncryption
            1.2.840.113549.1.1.3       | RSA-MD4                                  | md4WithRSAEncryption
            1.2.840.113549.1.1.4       | RSA-MD5                                  | md5WithRSAEncryption
            1.2.840.113549.1.1.5       | RSA-SHA1                                 | sha1WithRSAEncryption
            1.2.840.113549.1.1.7       | RSAES-OAEP                               | rsaesOaep
            1.2.840.113549.1.1.10      | RSASSA-PSS                               | rsassaPss
            1.2.840.113549.1.1.11      | RSA-SHA256                               | sha256WithRSAEncryption
            1.2.840.113549.1.1.12      | RSA-SHA384                               | sha384WithRSAEncryption
            1.2.840.113549.1.1.13      | RSA-SHA512                               | sha512WithRSAEncryption
            1.2.840.113549.1.1.14      | RSA-SHA224                               | sha224WithRSAEncryption
            1.2.840.113549.1.1.15      | RSA-SHA512/224                           | sha512-224WithRSAEncryption
            1.2.840.113549.1.1.16      | RSA-SHA512/256                           | sha512-256WithRSAEncryption
            1.2.840.113549.1.3.1       | dhKeyAgreement                           | dhKeyAgreement
            1.3.14.3.2.3               | RSA-NP-MD5                               | md5WithRSA
            1.3.14.3.2.12              | DSA-old                                  | dsaEncryption-old
            1.3.14.3.2.13              | DSA-SHA                                  | dsaWithSHA
            1.3.14.3.2.15              | RSA-SHA                                  | shaWithRSAEncryption
            1.3.14.3.2.27              | DSA-SHA1-old                             | dsaWithSHA1-old
            1.3.14.3.2.29              | RSA-SHA1-2                               | sha1WithRSA
            1.3.36.3.3.1.2             | RSA-RIPEMD160                            | ripemd160WithRSA
            1.3.101.110                | X25519                                   | X25519
            1.3.101.111                | X448                                     | X448
            1.3.101.112                | ED25519                                  | ED25519
            1.3.101.113                | ED448                                    | ED448
            2.16.840.1.101.3.4.3.1     | dsa_with_SHA224                          | dsa_with_SHA224
            2.16.840.1.101.3.4.3.2     | dsa_with_SHA256                          | dsa_with_SHA256
            2.16.840.1.101.3.4.3.3     | id-dsa-with-sha384                       | dsa_with_SHA384
            2.16.840.1.101.3.4.3.4     | id-dsa-with-sha512                       | dsa_with_SHA512
            2.16.840.1.101.3.4.3.5     | id-dsa-with-sha3-224                     | dsa_with_SHA3-224
            2.16.840.1.101.3.4.3.6     | id-dsa-with-sha3-256                     | dsa_with_SHA3-256
            2.16.840.1.101.3.4.3.7     | id-dsa-with-sha3-384                     | dsa_with_SHA3-384
            2.16.840.1.101.3.4.3.8     | id-dsa-with-sha3-512                     | dsa_with_SHA3-512
            2.16.840.1.101.3.4.3.9     | id-ecdsa-with-sha3-224                   | ecdsa_with_SHA3-224
            2.16.840.1.101.3.4.3.10    | id-ecdsa-with-sha3-256                   | ecdsa_with_SHA3-256
            2.16.840.1.101.3.4.3.11    | id-ecdsa-with-sha3-384                   | ecdsa_with_SHA3-384
            2.16.840.1.101.3.4.3.12    | id-ecdsa-with-sha3-512                   | ecdsa_with_SHA3-512
            2.16.840.1.101.3.4.3.13    | id-rsassa-pkcs1-v1_5-with-sha3-224       | RSA-SHA3-224
            2.16.840.1.101.3.4.3.14    | id-rsassa-pkcs1-v1_5-with-sha3-256       | RSA-SHA3-256
            2.16.840.1.101.3.4.3.15    | id-rsassa-pkcs1-v1_5-with-sha3-384       | RSA-SHA3-384
            2.16.840.1.101.3.4.3.16    | id-rsassa-pkcs1-v1_5-with-sha3-512       | RSA-SHA3-512
            """;

    private static final Map<String, Names> BY_OID = new HashMap<>();

    static {
        for (String line : TABLE.lines().toList()) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            String[] f = trimmed.split("\\|");
            BY_OID.put(f[0].strip(), new Names(f[1].strip(), f[2].strip()));
        }
    }

    /** OpenSSL's names for a dotted OID, if it is one of the attribute types or algorithms above. */
    public static Optional<Names> of(String oid) {
        return Optional.ofNullable(BY_OID.get(oid));
    }

    /**
     * How {@code X509_NAME_oneline} names an attribute type: its short name, or for an identifier
     * OpenSSL does not know, the dotted OID.
     */
    public static String attributeName(String oid) {
        Names names = BY_OID.get(oid);
        return names != null ? names.shortName() : oid;
    }

    /** The long name ({@code OBJ_nid2ln}) of an algorithm, or {@code UNKNOWN} as ucspi-ssl prints it. */
    public static String algorithmName(String oid) {
        Names names = BY_OID.get(oid);
        return names != null ? names.longName() : "UNKNOWN";
    }
}
