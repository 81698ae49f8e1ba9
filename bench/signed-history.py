#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Write a history of N signed commits into git repositories, fast.

    signed-history.py SECKEY FPR N < LIST

LIST has one line per repository, "GITDIR TREE": a repository's git folder
and the id of a tree already in it (the dossier as `git write-tree` left
it, with docs/bench-log.md holding "entry N-1").  SECKEY is an unprotected
ed25519 secret key exported by `gpg --export-secret-keys` (binary), FPR its
fingerprint.  The first commit holds TREE; each later one rewrites
docs/bench-log.md (one new blob, two new trees), the last one back to TREE,
so that the index and the work tree match the branch `main`.  Every commit carries its
own OpenPGP signature, made here with the key (Ed25519 over SHA-256, the
packet layout GnuPG writes), so nothing is shared between commits: a
verifier must check each one.  `gpg --verify` accepts them.  Objects are
written loose; repack afterwards.  Needs python3-cryptography (Debian 12).

Signing 100,000 commits through `git commit -S` starts 200,000 processes
(git and gpg); this takes a few seconds per 10,000 commits instead.
"""
import base64
import hashlib
import os
import sys
import zlib

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

ED25519_OID = bytes.fromhex("2b06010401da470f01")


def packets(data):
    """(tag, body) of each OpenPGP packet in data (new and old formats)."""
    i = 0
    while i < len(data):
        hdr = data[i]
        i += 1
        if hdr & 0x40:
            tag = hdr & 0x3F
            o = data[i]
            if o < 192:
                n, i = o, i + 1
            elif o < 224:
                n, i = ((o - 192) << 8) + data[i + 1] + 192, i + 2
            else:
                n, i = int.from_bytes(data[i + 1:i + 5], "big"), i + 5
        else:
            tag = (hdr >> 2) & 0x0F
            lt = hdr & 3
            size = {0: 1, 1: 2, 2: 4}[lt]
            n = int.from_bytes(data[i:i + size], "big")
            i += size
        yield tag, data[i:i + n]
        i += n


def mpi(b):
    b = b.lstrip(b"\0")
    return len(b) * 8 - (8 - b[0].bit_length()) if b else 0, b


def read_mpi(body, i):
    bits = int.from_bytes(body[i:i + 2], "big")
    n = (bits + 7) // 8
    return body[i + 2:i + 2 + n], i + 2 + n


def secret_key(path):
    """The Ed25519 seed of the primary key in an unprotected export."""
    for tag, body in packets(open(path, "rb").read()):
        if tag != 5:
            continue
        if body[0] != 4 or body[5] != 22:
            sys.exit("signed-history: the key is not a v4 EdDSA key")
        olen = body[6]
        if body[7:7 + olen] != ED25519_OID:
            sys.exit("signed-history: the key is not ed25519")
        _, i = read_mpi(body, 7 + olen)
        if body[i] != 0:
            sys.exit("signed-history: the secret key is protected")
        seed, _ = read_mpi(body, i + 1)
        return Ed25519PrivateKey.from_private_bytes(seed.rjust(32, b"\0"))
    sys.exit("signed-history: no secret key packet")


def crc24(data):
    crc = 0xB704CE
    for b in data:
        crc ^= b << 16
        for _ in range(8):
            crc <<= 1
            if crc & 0x1000000:
                crc ^= 0x1864CFB
    return crc & 0xFFFFFF


def sign(key, fpr, when, payload):
    hashed = bytes([5, 2]) + when.to_bytes(4, "big") + bytes([22, 33, 4]) + fpr
    head = bytes([4, 0x00, 22, 8]) + len(hashed).to_bytes(2, "big") + hashed
    digest = hashlib.sha256(payload + head + b"\x04\xff" +
                            len(head).to_bytes(4, "big")).digest()
    sig = key.sign(digest)
    unhashed = bytes([9, 16]) + fpr[-8:]
    body = head + len(unhashed).to_bytes(2, "big") + unhashed + digest[:2]
    for half in (sig[:32], sig[32:]):
        bits, b = mpi(half)
        body += bits.to_bytes(2, "big") + b
    pkt = bytes([0xC2, len(body)]) + body   # body < 192 bytes
    b64 = base64.b64encode(pkt).decode()
    lines = [b64[i:i + 64] for i in range(0, len(b64), 64)]
    crc = base64.b64encode(crc24(pkt).to_bytes(3, "big")).decode()
    return ("-----BEGIN PGP SIGNATURE-----\n\n" + "\n".join(lines) +
            "\n=" + crc + "\n-----END PGP SIGNATURE-----")


class Repo:
    def __init__(self, gitdir):
        self.gitdir = gitdir

    def put(self, kind, content):
        raw = kind.encode() + b" " + str(len(content)).encode() + b"\0" + content
        oid = hashlib.sha1(raw).hexdigest()
        d = os.path.join(self.gitdir, "objects", oid[:2])
        os.makedirs(d, exist_ok=True)
        path = os.path.join(d, oid[2:])
        if not os.path.exists(path):
            with open(path, "wb") as f:
                f.write(zlib.compress(raw, 1))
        return oid

    def get(self, oid):
        path = os.path.join(self.gitdir, "objects", oid[:2], oid[2:])
        raw = zlib.decompress(open(path, "rb").read())
        return raw[raw.index(b"\0") + 1:]


def tree_entries(content):
    out, i = [], 0
    while i < len(content):
        sp = content.index(b" ", i)
        nul = content.index(b"\0", sp)
        out.append((content[i:sp], content[sp + 1:nul], content[nul + 1:nul + 21]))
        i = nul + 21
    return out


def tree_bytes(entries):
    def key(e):
        return e[1] + (b"/" if e[0] == b"40000" else b"")
    return b"".join(m + b" " + n + b"\0" + o for m, n, o in sorted(entries, key=key))


def history(gitdir, tree, n, key, fpr):
    repo = Repo(gitdir)
    root = tree_entries(repo.get(tree))
    docs = [e for e in root if e[1] == b"docs"]
    docs_entries = tree_entries(repo.get(docs[0][2].hex())) if docs else []
    root = [e for e in root if e[1] != b"docs"]
    when = 1767225600          # 2026-01-01, one commit a minute after it
    # (the key must be older: scale-bench.sh makes it in 2025)
    ident = b"Bench <bench@example.org>"
    parent = None
    for i in range(n):
        t = tree
        if 0 < i < n - 1:     # the last one is TREE again
            blob = repo.put("blob", b"entry %d\n" % i)
            d = repo.put("tree", tree_bytes(
                [e for e in docs_entries if e[1] != b"bench-log.md"] +
                [(b"100644", b"bench-log.md", bytes.fromhex(blob))]))
            t = repo.put("tree", tree_bytes(root + [(b"40000", b"docs", bytes.fromhex(d))]))
        stamp = b"%d +0000" % (when + 60 * i)
        head = b"tree " + t.encode() + b"\n"
        if parent:
            head += b"parent " + parent.encode() + b"\n"
        head += b"author " + ident + b" " + stamp + b"\n"
        head += b"committer " + ident + b" " + stamp + b"\n"
        msg = b"\ndossier\n" if i == 0 else b"\nentry %d\n" % i
        sig = sign(key, fpr, when + 60 * i, head + msg)
        body = head + b"gpgsig " + sig.encode().replace(b"\n", b"\n ") + b"\n" + msg
        parent = repo.put("commit", body)
    ref = os.path.join(gitdir, "refs", "heads", "main")
    os.makedirs(os.path.dirname(ref), exist_ok=True)
    with open(ref, "w") as f:
        f.write(parent + "\n")


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    key = secret_key(sys.argv[1])
    fpr = bytes.fromhex(sys.argv[2])
    n = int(sys.argv[3])
    for line in sys.stdin:
        gitdir, tree = line.split()
        history(gitdir, tree, n, key, fpr)


main()
