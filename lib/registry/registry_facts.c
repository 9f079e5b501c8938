/*
 * registry_facts: the merge of the registry's truth (recognition rows and
 * the firm row) into a facts document before the engine sees it, shared by
 * the pathway and by submissions (see registry_facts.h). Pure: no I/O.
 */
#include "registry/registry_facts.h"

json_t *
registry_facts_recognitions(const json_t *recognition_rows)
{
    json_t *out = json_array();
    size_t i;
    const json_t *r;
    json_array_foreach(recognition_rows, i, r)
    {
        json_t *o = json_object();
        json_object_set(o, "kind", json_object_get(r, "kind"));
        json_object_set(o, "issued_on", json_object_get(r, "granted_on"));
        json_object_set(o, "expires_on", json_object_get(r, "expires_on"));
        const json_t *num = json_object_get(r, "certificate_number");
        if (json_is_string(num))
            json_object_set(o, "number", (json_t *)num);
        json_array_append_new(out, o);
    }
    return out;
}

int
registry_facts_merge(json_t *doc, const json_t *firm_row, const json_t *recognitions)
{
    if (!json_is_object(doc))
        return -1;
    json_t *firm = json_object_get(doc, "firm");
    if (!json_is_object(firm)) {
        firm = json_object();
        json_object_set_new(doc, "firm", firm);
    }
    json_object_set(firm, "uscc", json_object_get(firm_row, "uscc"));
    json_object_set(firm, "region_code", json_object_get(firm_row, "region_code"));
    json_object_set(firm, "established_on", json_object_get(firm_row, "registered_on"));
    json_object_set(doc, "recognitions", (json_t *)recognitions);
    return 0;
}
