#!/usr/bin/env python3
"""Writes the seed corpora of the @FuzzTest targets in runtime (see docs/fuzzing.md).

Run from anywhere: python3 runtime/src/test/fuzz/seeds.py [--keys]
Without --keys only the small text/field seeds are (re)written; --keys also makes new keys and
certificates with openssl (they differ on every run, so only do it when the set should change).
Seeds found by fuzzing (crash-*, slow-*) are not touched.
"""
import base64
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
RES = os.path.join(HERE, '..', 'resources', 'org', 'ucspi4j', 'runtime')


def put(path, data):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, 'wb') as f:
        f.write(data if isinstance(data, bytes) else data.encode('latin-1'))


def field(b):
    """A FuzzInput field: length byte, bytes; None is the missing field (255)."""
    if b is None:
        return b'\xff'
    if isinstance(b, str):
        b = b.encode('utf-8')
    assert len(b) < 255
    return bytes([len(b)]) + b


def fields(*items):
    out = b''
    for it in items:
        if isinstance(it, int):
            out += bytes([it])
        else:
            out += field(it)
    return out


# --- UCSPI-TLS control channel and env block -------------------------------------------------

def ucspi():
    d = os.path.join(RES, 'UcspiTlsFuzzTestInputs')
    cc = os.path.join(d, 'controlChannel')
    put(os.path.join(cc, 'y'), b'y')
    put(os.path.join(cc, 'Y-no-variables'), b'Y')
    put(os.path.join(cc, 'Y-variables'), b'Y' + fields('SSL_PROTOCOL', 'TLSv1.3', 'SSL_CIPHER', 'TLS_AES_256_GCM_SHA384'))
    put(os.path.join(cc, 'Y-nul-in-value'), b'Y' + fields('SSL_CLIENT_S_DN_CN', 'evil\0SSL_FAKE=1', '=x', 'y'))
    put(os.path.join(cc, 'n-then-y'), b'ny')
    put(os.path.join(cc, 'yY-trailing'), b'yYyY\r\nSTARTTLS\r\n')
    put(os.path.join(cc, 'nul'), b'\0')
    put(os.path.join(cc, 'high-byte'), b'\xd9')
    eb = os.path.join(d, 'environmentBlock')
    put(os.path.join(eb, 'empty-block'), b'\0\0')
    put(os.path.join(eb, 'two-entries'), b'SSL_PROTOCOL=TLSv1.3\0SSL_CIPHER=TLS_AES_128_GCM_SHA256\0\0')
    put(os.path.join(eb, 'garbage-entries'), b'noequals\0=novalue\0A=\0B==c\0\0after=end\0\0')
    put(os.path.join(eb, 'unterminated'), b'A=1\0B=2')
    put(os.path.join(eb, 'single-nul'), b'\0')
    put(os.path.join(eb, 'latin1'), 'SSL_CLIENT_S_DN_CN=J\xfcrgen \xa7\0\0'.encode('latin-1'))


# --- ident -----------------------------------------------------------------------------------

def ident():
    d = os.path.join(RES, 'server', 'IdentClientFuzzTestInputs')
    p = os.path.join(d, 'parse')
    put(os.path.join(p, 'rfc-example'), b'6193, 23 : USERID : UNIX : stjohns\r\n')
    put(os.path.join(p, 'error'), b'6195, 23 : ERROR : NO-USER\r\n')
    put(os.path.join(p, 'colons-in-user'), b'1,2:USERID:UNIX,UTF-8:  a:b:c')
    put(os.path.join(p, 'cr-inside'), b'1,2 : USERID : UNIX : root\rsslserver: ok 1 fake line')
    put(os.path.join(p, 'nul-inside'), b'1,2 : USERID : UNIX : joe\0admin')
    put(os.path.join(p, 'lf-inside'), b'1,2 : USERID : UNIX : joe\nsslserver: deny')
    put(os.path.join(p, 'blank-user'), b'1,2 : USERID : UNIX :  \t ')
    put(os.path.join(p, 'two-colons'), b'1,2 : USERID')
    l = os.path.join(d, 'lookup')
    reply = b'50019 , 443 : USERID : UNIX : joe\r\n'
    put(os.path.join(l, 'answer-close'), b'\x00' + reply)
    put(os.path.join(l, 'answer-keep-open'), b'\x01' + reply)
    put(os.path.join(l, 'answer-no-newline-keep-open'), b'\x01' + reply.rstrip())
    put(os.path.join(l, 'trickle'), b'\x02' + reply)
    put(os.path.join(l, 'silent'), b'\x03')
    put(os.path.join(l, 'hang-up'), b'\x04')
    put(os.path.join(l, 'endless'), b'\x05' + b'50019 , 443 : USERID : UNIX : ' + b'A' * 40)
    put(os.path.join(l, 'refused'), b'\x06')
    put(os.path.join(l, 'nul-and-cr'), b'\x00' + b'1 , 2 : USERID : UNIX : a\0b\rc\r\n')
    put(os.path.join(l, 'long-line'), b'\x00' + b'1,2:USERID:UNIX:' + b'x' * 2000)


# --- log lines and environment ---------------------------------------------------------------

def logenv():
    d = os.path.join(RES, 'server', 'LogAndEnvironmentFuzzTestInputs')
    ll = os.path.join(d, 'logLines')

    def endpoints(lip='10.0.0.1', lport='443', lhost='Localserver', rip='10.0.0.2', rport='5555',
                  rhost='client.example', rinfo='joe', v6=0, iface=None):
        return fields(lip, lport, lhost, rip, rport, rhost, rinfo, v6, iface)

    put(os.path.join(ll, 'plain'), fields(1, 7) + endpoints() + field('ordinary message'))
    put(os.path.join(ll, 'deny-unknown'), fields(0, 8) + endpoints(lhost=None, rhost=None, rinfo=None))
    put(os.path.join(ll, 'ipv6'), fields(1, 9) + endpoints('::1', '443', None, '::1', '50019', 'ip6-loopback', None, 1, 'lo'))
    put(os.path.join(ll, 'newline-host'), fields(1, 1) + endpoints(rhost='evil\nsslserver: ok 1 forged', rinfo='r%oot\r')
        + field('name\r\nsslserver: fatal: forged'))
    put(os.path.join(ll, 'nul-host'), fields(1, 2) + endpoints(rhost='host\0hidden', rinfo='\0'))
    put(os.path.join(ll, 'long-fields'), fields(1, 3) + endpoints(rhost='h' * 150, rinfo='i' * 100, lhost='l' * 99))
    put(os.path.join(ll, 'unicode'), fields(1, 4) + endpoints(rhost='m\u00fcnchen.\u4e2d\u6587', rinfo='\u2028x')
        + field('\u0085\u2028\x1b[31m'))
    env = os.path.join(d, 'environment')
    put(os.path.join(env, 'plain'), fields(1, 1, 'PATH', '/bin', 1, 'RELAYCLIENT', '', ) + endpoints() + fields(1, 'PROTOCOL', 'TLSv1.3'))
    put(os.path.join(env, 'rule-fakes-standard'), fields(1, 0, 2, 'SSLREMOTEIP', '6.6.6.6', 'TCPREMOTEHOST', 'fake')
        + endpoints(rhost=None) + fields(0))
    put(os.path.join(env, 'nul-everywhere'), fields(0, 1, 'BASE', 'a\0b', 2, 'R\0X', 'v', 'RULE', 'x\0y')
        + endpoints(rhost='host\0.evil', rinfo='joe\0root', iface='eth\0') + fields(1, 'CLIENT_S_DN_CN', 'cn\0=x'))
    put(os.path.join(env, 'ipv6-tcp'), fields(1, 0, 0) + endpoints('::1', '443', None, '::1', '50019', None, None, 1, 'lo') + fields(0))


# --- CIPHERS ---------------------------------------------------------------------------------

def ciphers():
    d = os.path.join(RES, 'tls', 'CipherListFuzzTestInputs', 'resolve')
    for name, text in [
            ('tls13', 'TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256'),
            ('openssl-tls12', 'ECDHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-AES128-GCM-SHA256'),
            ('iana-mixed', 'TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384, TLS_AES_128_GCM_SHA256'),
            ('openssl-keywords', 'HIGH:!MD5:@SECLEVEL=1'),
            ('unknown', 'TLS_FOO_BAR'),
            ('unsupported', 'RC4-MD5'),
            ('separators-only', ' :,\t:: '),
            ('blank', ' \t\n'),
            ('duplicates', 'TLS_AES_128_GCM_SHA256:TLS_AES_128_GCM_SHA256:AES128-GCM-SHA256'),
            ('ssl-prefix', 'SSL_RSA_WITH_3DES_EDE_CBC_SHA'),
            ('scsv', 'TLS_EMPTY_RENEGOTIATION_INFO_SCSV'),
            ('lowercase', 'tls_aes_128_gcm_sha256'),
            ('underscore', '_'),
    ]:
        put(os.path.join(d, name), text)


# --- PROXY protocol headers -----------------------------------------------------------------------

def crc32c(data):
    """CRC-32C (Castagnoli, reflected polynomial 0x82F63B78), bit by bit."""
    crc = 0xffffffff
    for b in data:
        crc ^= b
        for _ in range(8):
            crc = (crc >> 1) ^ (0x82F63B78 if crc & 1 else 0)
    return crc ^ 0xffffffff


V2_SIG = b'\r\n\r\n\x00\r\nQUIT\n'


def tlv(t, v):
    return bytes([t]) + len(v).to_bytes(2, 'big') + v


def v2(ver_cmd, fam, body, crc=False):
    if crc:
        body += tlv(0x03, b'\0\0\0\0')
    h = V2_SIG + bytes([ver_cmd, fam]) + len(body).to_bytes(2, 'big') + body
    if crc:
        h = h[:-4] + crc32c(h).to_bytes(4, 'big')
    return h


def proxy():
    d = os.path.join(RES, 'server', 'ProxyHeaderFuzzTestInputs', 'read')
    hello = b'\x16\x03\x01\x00\x05hello'
    ip4 = bytes([192, 0, 2, 7, 198, 51, 100, 1]) + (50000).to_bytes(2, 'big') + (443).to_bytes(2, 'big')
    ip6 = bytes.fromhex('20010db8000000000000000000000007') + bytes.fromhex('20010db8000000000000000000000001') \
        + (50000).to_bytes(2, 'big') + (443).to_bytes(2, 'big')
    ssl = tlv(0x20, b'\x07' + b'\0\0\0\0' + tlv(0x21, b'TLSv1.3') + tlv(0x22, b'client.example')
              + tlv(0x23, b'TLS_AES_128_GCM_SHA256'))
    for name, data in [
            ('v1-tcp4', b'PROXY TCP4 192.0.2.7 198.51.100.1 50000 443\r\n' + hello),
            ('v1-tcp6', b'PROXY TCP6 2001:db8::7 2001:db8::1 50000 443\r\n' + hello),
            ('v1-unknown', b'PROXY UNKNOWN ffff::1 ffff::2 1 2\r\n' + hello),
            ('v1-longest', b'PROXY TCP6 ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff 65535 65535\r\n'),
            ('v1-no-crlf', b'PROXY TCP4 192.0.2.7 198.51.100.1 50000 443\n'),
            ('v1-leading-zero', b'PROXY TCP4 192.0.2.07 198.51.100.1 050000 443\r\n'),
            ('v2-local', v2(0x20, 0x00, b'') + hello),
            ('v2-tcp4', v2(0x21, 0x11, ip4) + hello),
            ('v2-tcp6-tlvs-crc', v2(0x21, 0x21, ip6 + tlv(0x01, b'h2') + tlv(0x02, b'www.example.org')
                                    + tlv(0x05, b'unique-1') + tlv(0x04, b'\0\0') + ssl + tlv(0x30, b'blue'), crc=True)
             + hello),
            ('v2-bad-crc', v2(0x21, 0x11, ip4 + tlv(0x03, b'\1\2\3\4'))),
            ('v2-unix', v2(0x21, 0x31, bytes(216))),
            ('v2-udp4', v2(0x21, 0x12, ip4)),
            ('v2-unspec', v2(0x21, 0x00, b'')),
            ('v2-tlv-overrun', v2(0x21, 0x11, ip4 + b'\x02\x00\x10ab')),
            ('v2-oversized', V2_SIG + b'\x21\x11\xff\xff' + ip4),
            ('v2-version-1', V2_SIG + b'\x11\x11\x00\x0c' + ip4),
            ('tls-instead', hello),
    ]:
        put(os.path.join(d, name), data)


# --- keys, certificates, DH parameters ---------------------------------------------------------

def openssl(*args, cwd):
    subprocess.run(['openssl', *args], cwd=cwd, check=True, capture_output=True)


def keys():
    d = os.path.join(RES, 'tls', 'KeyLoadingFuzzTestInputs', 'pemFile')
    with tempfile.TemporaryDirectory() as t:
        def rd(name):
            with open(os.path.join(t, name), 'rb') as f:
                return f.read()

        def cert(key, out):
            openssl('req', '-new', '-x509', '-key', key, '-subj', '/CN=fuzz.example', '-days', '3650',
                    '-out', out, cwd=t)

        openssl('genpkey', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:1024', '-out', 'rsa.key', cwd=t)
        cert('rsa.key', 'rsa.crt')
        openssl('rsa', '-in', 'rsa.key', '-traditional', '-out', 'rsa1.key', cwd=t)
        openssl('genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', 'ec.key', cwd=t)
        cert('ec.key', 'ec.crt')
        openssl('ec', '-in', 'ec.key', '-out', 'ec1.key', cwd=t)
        openssl('ec', '-in', 'ec.key', '-aes128', '-passout', 'pass:secret', '-out', 'ec-legacy.key', cwd=t)
        openssl('genpkey', '-algorithm', 'ED25519', '-out', 'ed.key', cwd=t)
        cert('ed.key', 'ed.crt')
        openssl('dsaparam', '-out', 'dsa.param', '1024', cwd=t)
        openssl('gendsa', '-out', 'dsa.key', 'dsa.param', cwd=t)
        cert('dsa.key', 'dsa.crt')
        openssl('dsa', '-in', 'dsa.key', '-out', 'dsa1.key', cwd=t)
        openssl('pkcs8', '-topk8', '-in', 'ec.key', '-v2', 'aes-256-cbc', '-v2prf', 'hmacWithSHA256',
                '-passout', 'pass:secret', '-out', 'ec-pbkdf2.key', cwd=t)
        openssl('pkcs8', '-topk8', '-in', 'ec.key', '-scrypt', '-scrypt_N', '1024', '-scrypt_r', '8',
                '-scrypt_p', '1', '-passout', 'pass:secret', '-out', 'ec-scrypt.key', cwd=t)
        openssl('pkcs8', '-topk8', '-in', 'ec.key', '-v1', 'PBE-SHA1-3DES', '-passout', 'pass:secret',
                '-out', 'ec-pbes1.key', cwd=t)
        openssl('x509', '-in', 'ec.crt', '-trustout', '-addtrust', 'serverAuth', '-out', 'ec-trusted.crt', cwd=t)
        openssl('genpkey', '-genparam', '-algorithm', 'DH', '-pkeyopt', 'group:ffdhe2048', '-out', 'dh.pem', cwd=t)
        openssl('dhparam', '-dsaparam', '-out', 'dh942.pem', '1024', cwd=t)

        put(os.path.join(d, 'rsa-pkcs8-then-cert.pem'), rd('rsa.key') + rd('rsa.crt'))
        put(os.path.join(d, 'cert-then-rsa-pkcs1.pem'), rd('rsa.crt') + b'text between blocks\n' + rd('rsa1.key'))
        put(os.path.join(d, 'ec-sec1.pem'), rd('ec.crt') + rd('ec1.key'))
        put(os.path.join(d, 'ec-legacy-encrypted.pem'), rd('ec.crt') + rd('ec-legacy.key'))
        put(os.path.join(d, 'ec-pbkdf2.pem'), rd('ec.crt') + rd('ec-pbkdf2.key'))
        put(os.path.join(d, 'ec-scrypt.pem'), rd('ec.crt') + rd('ec-scrypt.key'))
        put(os.path.join(d, 'ec-pbes1.pem'), rd('ec.crt') + rd('ec-pbes1.key'))
        put(os.path.join(d, 'ed25519.pem'), rd('ed.key') + rd('ed.crt'))
        put(os.path.join(d, 'dsa.pem'), rd('dsa.crt') + rd('dsa1.key'))
        put(os.path.join(d, 'mismatch.pem'), rd('rsa.crt') + rd('ec.key'))
        put(os.path.join(d, 'trusted-and-key.pem'), rd('ec-trusted.crt') + rd('ec.key'))
        put(os.path.join(d, 'dh-pkcs3.pem'), rd('dh.pem'))
        put(os.path.join(d, 'dh-x942.pem'), rd('dh942.pem'))
    put(os.path.join(d, 'bad-base64.pem'), '-----BEGIN CERTIFICATE-----\n!!!!\n-----END CERTIFICATE-----\n')
    put(os.path.join(d, 'unterminated.pem'), '-----BEGIN PRIVATE KEY-----\nMIIB\n')


# --- hostile parameters, crafted into valid files (DER surgery) ---------------------------------

def der_parse(b, i=0):
    """One TLV at b[i:] -> ((tag, children-or-bytes), next index)."""
    tag = b[i]
    n = b[i + 1]
    j = i + 2
    if n & 0x80:
        k = n & 0x7f
        n = int.from_bytes(b[j:j + k], 'big')
        j += k
    value = b[j:j + n]
    if tag & 0x20:
        kids, at = [], 0
        while at < len(value):
            kid, at = der_parse(value, at)
            kids.append(kid)
        return (tag, kids), j + n
    return (tag, value), j + n


def der_write(node):
    tag, v = node
    body = b''.join(der_write(k) for k in v) if isinstance(v, list) else v
    n = len(body)
    if n < 0x80:
        head = bytes([tag, n])
    else:
        ln = n.to_bytes((n.bit_length() + 7) // 8, 'big')
        head = bytes([tag, 0x80 | len(ln)]) + ln
    return head + body


def der_int(v):
    n = max(1, (v.bit_length() + 8) // 8)
    return (0x02, v.to_bytes(n, 'big', signed=True))


def at(node, *path):
    for p in path:
        node = node[1][p]
    return node


def replace(node, path, new):
    if not path:
        return new
    tag, kids = node
    kids = list(kids)
    kids[path[0]] = replace(kids[path[0]], path[1:], new)
    return (tag, kids)


def pem_blocks(text):
    out = []
    lines = text.decode('latin-1').splitlines()
    i = 0
    while i < len(lines):
        if lines[i].startswith('-----BEGIN '):
            kind = lines[i][11:-5]
            j = i + 1
            body = []
            while not lines[j].startswith('-----END '):
                body.append(lines[j])
                j += 1
            out.append((kind, base64.b64decode(''.join(body))))
            i = j
        i += 1
    return out


def pem_text(kind, der):
    b64 = base64.b64encode(der).decode()
    return ('-----BEGIN %s-----\n' % kind + '\n'.join(b64[i:i + 64] for i in range(0, len(b64), 64))
            + '\n-----END %s-----\n' % kind).encode()


def hostile():
    d = os.path.join(RES, 'tls', 'KeyLoadingFuzzTestInputs', 'pemFile')

    def rd(name):
        with open(os.path.join(d, name), 'rb') as f:
            return f.read()

    def craft(base, kind, path, value, out):
        blocks = pem_blocks(rd(base))
        text = b''
        for k, der in blocks:
            if k == kind:
                tree, _ = der_parse(der)
                der = der_write(replace(tree, path, value))
            text += pem_text(k, der)
        put(os.path.join(d, out), text)

    key = 'ENCRYPTED PRIVATE KEY'
    # PBKDF2 iteration count: [0] algorithm, [1] PBES2 params, [0] kdf, [1] PBKDF2 params, [1] count
    craft('ec-pbkdf2.pem', key, (0, 1, 0, 1, 1), der_int(2**31 - 1), 'hostile-pbkdf2-iterations-2g.pem')
    craft('ec-pbkdf2.pem', key, (0, 1, 0, 1, 1), der_int(2**40), 'hostile-pbkdf2-iterations-over-int.pem')
    craft('ec-pbkdf2.pem', key, (0, 1, 0, 1, 1), der_int(-1), 'hostile-pbkdf2-iterations-negative.pem')
    craft('ec-pbkdf2.pem', key, (0, 1, 1, 1), (0x05, b''), 'hostile-pbes2-iv-null.pem')
    craft('ec-pbkdf2.pem', key, (0, 1), (0x05, b''), 'hostile-pbes2-params-null.pem')
    # scrypt: [1] N, [2] r, [3] p
    craft('ec-scrypt.pem', key, (0, 1, 0, 1, 1), der_int(2**30), 'hostile-scrypt-n-2g.pem')
    craft('ec-scrypt.pem', key, (0, 1, 0, 1, 1), der_int(3000), 'hostile-scrypt-n-not-power-of-two.pem')
    craft('ec-scrypt.pem', key, (0, 1, 0, 1, 3), der_int(2**20), 'hostile-scrypt-p-1m.pem')
    craft('ec-scrypt.pem', key, (0, 1, 0, 1, 2), der_int(2**40), 'hostile-scrypt-r-over-int.pem')
    # PKCS#12 PBE (PBE-SHA1-3DES): [0] algorithm, [1] params, [1] iterations
    craft('ec-pbes1.pem', key, (0, 1, 1), der_int(2**31 - 1), 'hostile-pbes1-iterations-2g.pem')
    # X9.42 DH parameters with q negated: -q passes isProbablePrime (which takes |q|)
    dh = pem_blocks(rd('dh-x942.pem'))[0][1]
    tree, _ = der_parse(dh)
    q = int.from_bytes(at(tree, 2)[1], 'big', signed=True)
    put(os.path.join(d, 'hostile-dh-x942-negative-q.pem'),
        pem_text('X9.42 DH PARAMETERS', der_write(replace(tree, (2,), der_int(-q)))))
    p = int.from_bytes(at(tree, 0)[1], 'big')
    put(os.path.join(d, 'hostile-dh-x942-huge-q.pem'),
        pem_text('X9.42 DH PARAMETERS', der_write(replace(tree, (2,), der_int(p ** 32)))))
    put(os.path.join(d, 'hostile-dh-x942-zero-q.pem'),
        pem_text('X9.42 DH PARAMETERS', der_write(replace(tree, (2,), der_int(0)))))


def mutated():
    d = os.path.join(RES, 'tls', 'KeyLoadingFuzzTestInputs', 'mutatedKey')
    bases = ['rsa-pkcs8-then-cert', 'cert-then-rsa-pkcs1', 'ec-sec1', 'ec-legacy-encrypted', 'ec-pbkdf2',
             'ec-scrypt', 'ec-pbes1', 'ed25519', 'dsa', 'trusted-and-key', 'dh-pkcs3', 'dh-x942']
    for i, name in enumerate(bases):
        for block in range(2):
            put(os.path.join(d, '%s-block%d' % (name, block)), bytes([i, block, 1]))
        put(os.path.join(d, '%s-random-passphrase' % name), bytes([i, 1, 7]) + b'pa\0ss\xff!')
    # a few edits: flip a byte in the middle, cut the DER short, insert a length byte
    put(os.path.join(d, 'ec-pbkdf2-edits'), bytes([4, 1, 1, 0, 0, 40, 0x7f, 3, 0, 90, 0]))
    put(os.path.join(d, 'ec-scrypt-edits'), bytes([5, 1, 1, 0, 0, 45, 0x40, 1, 0, 3, 0x84]))
    put(os.path.join(d, 'rsa-edits'), bytes([0, 0, 0, 0, 0, 9, 0xff, 2, 0, 20, 0]))
    # longer inputs (many edits), so that libFuzzer's length limit starts high enough for them
    import random
    rnd = random.Random(4711)
    for i, name in enumerate(bases):
        edits = b''.join(bytes([rnd.randrange(3), 0, rnd.randrange(256), rnd.randrange(256)]) for _ in range(15))
        put(os.path.join(d, '%s-many-edits' % name), bytes([i, 1, 1]) + edits)


def main():
    ucspi()
    ident()
    logenv()
    ciphers()
    proxy()
    if '--keys' in sys.argv:
        keys()
    hostile()
    mutated()


if __name__ == '__main__':
    main()
