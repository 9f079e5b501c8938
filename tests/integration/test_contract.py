"""The contract: api/openapi.yaml documents exactly the routes of
lib/registry/routes.c (paths and methods, both ways), every error type of
lib/core/errors.h, and an example per operation; its examples agree with what
the running service answers."""
import os
import re
import unittest

import harness
import yamlsub

SPEC_PATH = os.path.join(harness.SOURCE_DIR, "api", "openapi.yaml")
ROUTES_PATH = os.path.join(harness.SOURCE_DIR, "lib", "registry", "routes.c")
METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")


def route_table():
    """{(METHOD, pattern)} from the registry_routes[] initialiser."""
    text = open(ROUTES_PATH, encoding="utf-8").read()
    text = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
    text = re.sub(r"//[^\n]*", "", text)
    body = re.search(r"registry_routes\[\]\s*=\s*\{(.*?)\n\};", text, re.S)
    if not body:
        raise AssertionError("no registry_routes[] table in %s" % ROUTES_PATH)
    rows = re.findall(r'\{\s*HTTP_([A-Z]+)\s*,\s*"([^"]+)"\s*,', body.group(1))
    if not rows:
        raise AssertionError("registry_routes[] has no rows the regex understands")
    return {(m, p) for m, p in rows}


class Contract(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.spec = yamlsub.load(SPEC_PATH)

    def operations(self):
        for path, item in self.spec["paths"].items():
            for method, op in item.items():
                if method in METHODS:
                    yield path, method, op

    def resolve(self, node):
        seen = 0
        while isinstance(node, dict) and "$ref" in node:
            ref = node["$ref"]
            self.assertTrue(ref.startswith("#/"), ref)
            node = self.spec
            for part in ref[2:].split("/"):
                self.assertIn(part, node, "unresolved $ref %s" % ref)
                node = node[part]
            seen += 1
            self.assertLess(seen, 10, "$ref loop")
        return node

    def test_spec_header(self):
        self.assertEqual(self.spec["openapi"], "3.1.0")
        self.assertTrue(self.spec["info"]["title"])
        self.assertTrue(self.spec["info"]["version"])

    def test_paths_and_methods_match_route_table(self):
        routes = route_table()
        documented = {(m.upper(), p) for p, m, _ in self.operations()}
        self.assertFalse(routes - documented, "routes missing from api/openapi.yaml: %s" % sorted(routes - documented))
        self.assertFalse(documented - routes, "api/openapi.yaml documents routes peiyud lacks: %s"
                         % sorted(documented - routes))

    def test_path_parameters_declared(self):
        for path, method, op in self.operations():
            names = set(re.findall(r"\{(\w+)\}", path))
            params = [self.resolve(p) for p in op.get("parameters", [])]
            declared = {p["name"] for p in params if p["in"] == "path"}
            self.assertEqual(names, declared, "%s %s" % (method, path))
            for p in params:
                if p["in"] == "path":
                    self.assertTrue(p.get("required"), "path parameter %s must be required" % p["name"])

    def test_every_ref_resolves(self):
        def walk(node):
            if isinstance(node, dict):
                if "$ref" in node:
                    self.resolve(node)
                for v in node.values():
                    walk(v)
            elif isinstance(node, list):
                for v in node:
                    walk(v)
        walk(self.spec)

    def test_every_operation_has_an_example_and_ids(self):
        ids = set()
        for path, method, op in self.operations():
            with self.subTest(op="%s %s" % (method, path)):
                self.assertTrue(op.get("operationId"))
                self.assertNotIn(op["operationId"], ids)
                ids.add(op["operationId"])
                ok = [c for code, r in op["responses"].items() if str(code).startswith("2")
                      for c in self.resolve(r).get("content", {}).values()]
                self.assertTrue(ok, "no success response content")
                self.assertTrue(all("example" in c or "examples" in c for c in ok), "a success response has no example")
                if "requestBody" in op:
                    for c in op["requestBody"]["content"].values():
                        self.assertTrue("example" in c or "examples" in c, "request body without example")

    def test_every_response_documents_request_id(self):
        for path, method, op in self.operations():
            for code, r in op["responses"].items():
                with self.subTest(op="%s %s" % (method, path), status=code):
                    r = self.resolve(r)
                    self.assertIn("X-Request-Id", r.get("headers", {}))
                    if str(code) == "503":
                        self.assertIn("Retry-After", r.get("headers", {}))
                    if str(code) == "405":
                        self.assertIn("Allow", r.get("headers", {}))

    def test_error_responses_are_problems_with_known_types(self):
        types = set(self.spec["components"]["schemas"]["ProblemType"]["enum"])
        for path, method, op in self.operations():
            for code, r in op["responses"].items():
                if int(code) < 400:
                    continue
                with self.subTest(op="%s %s" % (method, path), status=code):
                    content = self.resolve(r)["content"]
                    self.assertEqual(list(content), ["application/problem+json"])
                    c = content["application/problem+json"]
                    self.assertEqual(c["schema"], {"$ref": "#/components/schemas/Problem"})
                    ex = c.get("example")
                    self.assertIsNotNone(ex, "problem response without example")
                    self.assertIn(ex["type"], types)
                    self.assertEqual(ex["status"], int(code))

    def test_problem_types_match_errors_table(self):
        table = harness.errors_table()
        types = self.spec["components"]["schemas"]["ProblemType"]["enum"]
        self.assertEqual(sorted(types), sorted(harness.PROBLEM_PREFIX + s for s in table))
        desc = self.spec["components"]["schemas"]["ProblemType"]["description"]
        for slug, (_, status, title) in table.items():
            self.assertIn("%s %d %s" % (slug, status, title), desc)
        problem = self.spec["components"]["schemas"]["Problem"]
        self.assertEqual(set(problem["properties"]), harness.PROBLEM_KEYS)
        # example titles agree with the table
        def walk(node):
            if isinstance(node, dict):
                if isinstance(node.get("type"), str) and node["type"].startswith(harness.PROBLEM_PREFIX) and "title" in node:
                    slug = node["type"][len(harness.PROBLEM_PREFIX):]
                    self.assertIn(slug, table)
                    self.assertEqual(node["title"], table[slug][2])
                    self.assertEqual(node["status"], table[slug][1])
                for v in node.values():
                    walk(v)
            elif isinstance(node, list):
                for v in node:
                    walk(v)
        walk(self.spec)


class ExamplesAgainstService(unittest.TestCase):
    """The success examples of the spec are what the service answers."""

    @classmethod
    def setUpClass(cls):
        cls.spec = yamlsub.load(SPEC_PATH)
        cls.srv = harness.shared_server()

    def example(self, path, method, status, ctype="application/json"):
        return self.spec["paths"][path][method]["responses"][status]["content"][ctype]["example"]

    def test_region_example(self):
        r = harness.get(self.srv.port, "/v1/regions/410400")
        self.assertEqual(r.json(), self.example("/v1/regions/{code}", "get", "200"))

    def test_region_list_example_is_a_prefix(self):
        r = harness.get(self.srv.port, "/v1/regions?parent=410400")
        ex = self.example("/v1/regions", "get", "200")["items"]
        self.assertEqual(r.json()["items"][:len(ex)], ex)

    def test_health_examples(self):
        self.assertEqual(harness.get(self.srv.port, "/healthz").json(), self.example("/healthz", "get", "200"))
        self.assertEqual(harness.get(self.srv.port, "/readyz").json(), self.example("/readyz", "get", "200"))

    def test_evaluate_example(self):
        import json
        op = self.spec["paths"]["/v1/evaluate"]["post"]
        body = op["requestBody"]["content"]["application/json"]["example"]
        c = self.srv.client()
        try:
            r = c.post_json("/v1/evaluate?module=tech_sme&as_of=2026-06-30", json.dumps(body))
        finally:
            c.close()
        self.assertEqual(r.status, 200, r)
        ex = self.example("/v1/evaluate", "post", "200")
        got = r.json()
        self.assertEqual(list(got), list(ex), "verdict keys or their order differ from the example")
        crit = [c for c in got["criteria"] if c["id"] == ex["criteria"][0]["id"]]
        self.assertEqual(crit, ex["criteria"])
        for k in ex:
            if k != "criteria":
                self.assertEqual(got[k], ex[k], k)


if __name__ == "__main__":
    unittest.main()
