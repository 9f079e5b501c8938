"""Accounts for integration tests: users of every role and their tokens,
made with the real `peiyuctl user add` / `peiyuctl token issue` against the
test database (PEIYU_ADMIN_DATABASE_URL). Logins are made unique per call so
tests never collide.
"""
import itertools
import os
import random
import subprocess

import harness

_seq = itertools.count(1)


def peiyuctl(*args, stdin=None, check=True, timeout=30):
    """Run peiyuctl with the admin URL; returns CompletedProcess (text)."""
    env = dict(os.environ)
    env["PEIYU_ADMIN_DATABASE_URL"] = harness.ADMIN_DATABASE_URL or harness.DATABASE_URL
    p = subprocess.run([harness.PEIYUCTL] + list(args), input=stdin, capture_output=True,
                       text=True, timeout=timeout, env=env)
    if check and p.returncode != 0:
        raise RuntimeError("peiyuctl %s failed (%d): %s" % (" ".join(args), p.returncode, p.stderr))
    return p


def unique_login(prefix):
    return "%s.%d.%d" % (prefix, os.getpid() % 100000, next(_seq))


def make_user(role, prefix=None, regions=(), programs=(), firm=None, password=None):
    """Create a user; returns its login."""
    login = unique_login(prefix or role)
    args = ["user", "add", "--login", login, "--role", role]
    for r in regions:
        args += ["--region", r]
    for p in programs:
        args += ["--program", str(p)]
    if firm is not None:
        args += ["--firm", str(firm)]
    if password is not None:
        args.append("--password-stdin")
    peiyuctl(*args, stdin=(password + "\n") if password is not None else None)
    return login


def issue_token(login, days=1):
    return peiyuctl("token", "issue", "--login", login, "--days", str(days)).stdout.strip()


def token_id(token):
    """The api_token id of a token (by its SHA-256)."""
    import hashlib
    h = hashlib.sha256(token.encode()).hexdigest()
    return harness.psql("SELECT id FROM api_token WHERE token_sha256 = '%s'" % h)


def user_with_token(role, **kw):
    login = make_user(role, **kw)
    return login, issue_token(login)


def bearer(token):
    return {"Authorization": "Bearer " + token}


def expire_token(token):
    import hashlib
    h = hashlib.sha256(token.encode()).hexdigest()
    harness.psql("UPDATE api_token SET created_at = now() - interval '2 days',"
                 " expires_at = now() - interval '1 second' WHERE token_sha256 = '%s'" % h)


def revoke_token(token):
    peiyuctl("token", "revoke", "--id", token_id(token))


_rng = random.SystemRandom()

_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]


def uscc_with_check(body17):
    """Append the GB 32100-2015 check character to 17 characters."""
    s = sum(_CHARS.index(c) * w for c, w in zip(body17, _WEIGHTS))
    return body17 + _CHARS[(31 - s % 31) % 31]


def new_uscc(region="410402"):
    """A synthetic, valid USCC (91 + region + 9 random characters); unique in practice
    (31^9 choices), also across runs against the same database."""
    body = "91" + region + "".join(_rng.choice(_CHARS) for _ in range(9))
    return uscc_with_check(body)
