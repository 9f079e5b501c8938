"""Configuration: `peiyud --help` lists every PEIYU_* variable and flag of
cmd/peiyud/config.c; a bad value exits 2 naming the flag or variable."""
import os
import re
import subprocess
import unittest

import harness


def settings():
    """[(flag, VARIABLE)] from the settings table of cmd/peiyud/config.c."""
    text = open(os.path.join(harness.SOURCE_DIR, "cmd", "peiyud", "config.c"), encoding="utf-8").read()
    return re.findall(r'\{"(--[a-z0-9-]+)",\s*"(PEIYU_[A-Z0-9_]+)"', text)


def run(args, env=None, timeout=30):
    e = dict(os.environ)
    e["PEIYU_DATABASE_URL"] = harness.DATABASE_URL
    for k, v in (env or {}).items():
        if v is None:
            e.pop(k, None)
        else:
            e[k] = v
    p = subprocess.run([harness.PEIYUD] + list(args), capture_output=True, text=True, timeout=timeout, env=e,
                       stdin=subprocess.DEVNULL)
    return p.returncode, p.stdout, p.stderr


class Help(unittest.TestCase):
    def test_help_lists_every_setting(self):
        rc, out, err = run(["--help"])
        self.assertEqual(rc, 0, err)
        table = settings()
        self.assertGreater(len(table), 10)
        for flag, var in table:
            with self.subTest(var=var):
                self.assertRegex(out, r"(?m)^\s*%s\s+%s\s+\S" % (re.escape(flag), re.escape(var)))
        self.assertEqual(set(re.findall(r"PEIYU_[A-Z0-9_]+", out)), {v for _, v in table})
        self.assertFalse(harness.sanitizer_report(err), err)

    def test_readme_lists_every_variable(self):
        text = open(os.path.join(harness.SOURCE_DIR, "README.md"), encoding="utf-8").read()
        missing = [v for _, v in settings() if v not in text]
        self.assertFalse(missing, "README.md does not list %s" % ", ".join(missing))


class BadValues(unittest.TestCase):
    def check(self, args, env, names):
        rc, out, err = run(args, env)
        self.assertEqual(rc, 2, "exit %d; stderr: %s" % (rc, err))
        self.assertTrue(any(n in err for n in names), "the message does not name %s: %r" % (" or ".join(names), err))
        self.assertFalse(harness.sanitizer_report(err), err)
        self.assertEqual(out, "")

    def test_threads_zero(self):
        self.check(["--threads", "0"], {}, ["--threads"])

    def test_listen_nonsense(self):
        self.check([], {"PEIYU_LISTEN": "nonsense"}, ["PEIYU_LISTEN"])

    def test_bad_values_name_the_setting(self):
        cases = [
            (["--threads=abc"], {}, ["--threads"]),
            (["--threads", "257"], {}, ["--threads"]),
            ([], {"PEIYU_THREADS": "0"}, ["PEIYU_THREADS"]),
            ([], {"PEIYU_DB_POOL_SIZE": "-1"}, ["PEIYU_DB_POOL_SIZE"]),
            (["--max-body-bytes", "10"], {}, ["--max-body-bytes"]),
            ([], {"PEIYU_ACCESS_LOG": "maybe"}, ["PEIYU_ACCESS_LOG"]),
            (["--listen", "127.0.0.1:99999"], {}, ["--listen"]),
            (["--listen", "127.0.0.1"], {}, ["--listen"]),
            (["--read-timeout", "1", "--idle-timeout", "5"], {}, ["--read-timeout"]),
            (["--no-such-flag"], {}, ["--no-such-flag"]),
            (["--threads"], {}, ["--threads"]),
            ([], {"PEIYU_DATABASE_URL": None}, ["PEIYU_DATABASE_URL"]),
        ]
        for args, env, names in cases:
            with self.subTest(args=args, env=env):
                self.check(args, env, names)

    def test_flag_wins_over_variable(self):
        # a bad variable is still validated, so use a good one overridden by a bad flag
        rc, _, err = run(["--threads", "0"], {"PEIYU_THREADS": "2"})
        self.assertEqual(rc, 2)
        self.assertIn("--threads", err)

    def test_listen_not_numeric(self):
        rc, _, err = run(["--listen", "localhost:0"])
        self.assertNotEqual(rc, 0)
        self.assertIn("localhost", err)
        self.assertFalse(harness.sanitizer_report(err), err)


if __name__ == "__main__":
    unittest.main()
