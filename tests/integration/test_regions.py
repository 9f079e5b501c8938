"""GET /v1/regions and GET /v1/regions/{code} over the demo data (sql/demo)."""
import unittest

import harness
from harness import assert_problem

# 平顶山市 (410400) and its counties, as in sql/demo/0001_regions.sql (GB/T 2260).
PINGDINGSHAN_COUNTIES = {
    "410402": "新华区", "410403": "卫东区", "410404": "石龙区", "410411": "湛河区",
    "410421": "宝丰县", "410422": "叶县", "410423": "鲁山县", "410425": "郏县",
    "410481": "舞钢市", "410482": "汝州市",
}
REGION_KEYS = {"code", "name", "level", "parent"}


class Regions(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.srv = harness.shared_server()

    def setUp(self):
        self.c = self.srv.client()

    def tearDown(self):
        self.c.close()

    def test_get_city(self):
        r = self.c.get("/v1/regions/410400")
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.header("Content-Type"), "application/json")
        self.assertEqual(r.json(), {"code": "410400", "name": "平顶山市", "level": "city", "parent": "410000"})

    def test_get_province_and_county(self):
        self.assertEqual(self.c.get("/v1/regions/410000").json(),
                         {"code": "410000", "name": "河南省", "level": "province", "parent": None})
        self.assertEqual(self.c.get("/v1/regions/410422").json(),
                         {"code": "410422", "name": "叶县", "level": "county", "parent": "410400"})

    def test_children_of_pingdingshan(self):
        r = self.c.get("/v1/regions?parent=410400")
        self.assertEqual(r.status, 200, r)
        items = r.json()["items"]
        got = {i["code"]: i["name"] for i in items}
        # every county the demo data names for 410400 (it may hold more)
        for code, name in PINGDINGSHAN_COUNTIES.items():
            self.assertEqual(got.get(code), name, code)
        for i in items:
            self.assertEqual(set(i), REGION_KEYS)
            self.assertEqual(i["level"], "county")
            self.assertEqual(i["parent"], "410400")
            self.assertTrue(i["code"].startswith("4104"))
        codes = [i["code"] for i in items]
        self.assertEqual(codes, sorted(codes), "children are not ordered by code")

    def test_provinces_without_parent(self):
        r = self.c.get("/v1/regions")
        self.assertEqual(r.status, 200, r)
        items = r.json()["items"]
        self.assertIn({"code": "410000", "name": "河南省", "level": "province", "parent": None}, items)
        for i in items:
            self.assertEqual(i["level"], "province")
            self.assertIsNone(i["parent"])
            self.assertTrue(i["code"].endswith("0000"))

    def test_cities_of_henan(self):
        items = self.c.get("/v1/regions?parent=410000").json()["items"]
        self.assertIn("410400", [i["code"] for i in items])
        self.assertTrue(all(i["level"] == "city" for i in items))

    def test_leaf_has_no_children(self):
        r = self.c.get("/v1/regions?parent=410422")
        self.assertEqual(r.status, 200)
        self.assertEqual(r.json(), {"items": []})

    def test_unknown_code_404(self):
        p = assert_problem(self, self.c.get("/v1/regions/999999"), 404, "not-found", field="code",
                           instance="/v1/regions/999999")
        self.assertIn("999999", p.get("detail", ""))

    def test_malformed_code_400(self):
        for code in ("41x", "4104000", "41040", "%zz", "41040a", "%34%31%30%34%30%30x", "+41040"):
            with self.subTest(code=code):
                r = self.c.get("/v1/regions/" + code)
                assert_problem(self, r, 400, "invalid-parameter")

    def test_percent_encoded_valid_code(self):
        r = self.c.get("/v1/regions/%34%31%30%34%30%30")  # "410400"
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.json()["code"], "410400")

    def test_unknown_parent_404(self):
        p = assert_problem(self, self.c.get("/v1/regions?parent=999999"), 404, "not-found", field="parent",
                           instance="/v1/regions")
        self.assertIn("999999", p.get("detail", ""))

    def test_malformed_parent_400(self):
        for parent in ("41", "4104000", "41x400", "", "%zz", "41%200"):
            with self.subTest(parent=parent):
                r = self.c.get("/v1/regions?parent=" + parent)
                assert_problem(self, r, 400, "invalid-parameter", field="parent")

    def test_other_query_parameters_ignored(self):
        r = self.c.get("/v1/regions/410400?x=1")
        self.assertEqual(r.status, 200)


if __name__ == "__main__":
    unittest.main()
