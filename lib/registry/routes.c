/*
 * routes: the route table of peiyud. api/openapi.yaml documents exactly
 * these (tests/integration/test_contract.py checks both ways).
 */
#include "registry/app.h"

const struct route registry_routes[] = {
    {HTTP_GET, "/healthz", system_healthz, ROLES_ANYONE, ROUTE_NO_LOG},
    {HTTP_GET, "/readyz", system_readyz, ROLES_ANYONE, ROUTE_NO_LOG},
    {HTTP_GET, "/metrics", system_metrics, ROLES_ANYONE, ROUTE_NO_LOG},
    {HTTP_GET, "/v1/regions", regions_list, ROLES_ANYONE, 0},
    {HTTP_GET, "/v1/regions/{code}", regions_get, ROLES_ANYONE, 0},
    /* Open while accounts do not exist; becomes "any signed-in caller" with auth. */
    {HTTP_POST, "/v1/evaluate", evaluate_post, ROLES_ANYONE, ROUTE_JSON_BODY},
    {HTTP_POST, "/v1/sessions", sessions_create, ROLES_ANYONE, ROUTE_JSON_BODY},
    {HTTP_POST, "/v1/firms", firms_create, ROLE_FIRM | ROLE_ADMIN, ROUTE_JSON_BODY},
    {HTTP_GET, "/v1/firms", firms_list,
     ROLE_OFFICER | ROLE_APPROVER | ROLE_AUDITOR | ROLE_ADMIN, 0},
    {HTTP_GET, "/v1/firms/{id}", firms_get, ROLES_SIGNED_IN, 0},
    {HTTP_PATCH, "/v1/firms/{id}", firms_patch, ROLE_FIRM | ROLE_OFFICER | ROLE_ADMIN,
     ROUTE_JSON_BODY},
    {HTTP_POST, "/v1/firms/{id}/recognitions", recognitions_create, ROLE_ADMIN, ROUTE_JSON_BODY},
    {HTTP_GET, "/v1/firms/{id}/recognitions", recognitions_list, ROLES_SIGNED_IN, 0},
    {HTTP_GET, "/v1/firms/{id}/pathway", pathway_get, ROLES_SIGNED_IN, 0},
    {HTTP_POST, "/v1/programs", programs_create, ROLE_ADMIN, ROUTE_JSON_BODY},
    {HTTP_GET, "/v1/programs", programs_list, ROLES_SIGNED_IN, 0},
    {HTTP_GET, "/v1/programs/{id}", programs_get, ROLES_SIGNED_IN, 0},
    {HTTP_PATCH, "/v1/programs/{id}", programs_patch, ROLE_ADMIN, ROUTE_JSON_BODY},
    {HTTP_POST, "/v1/applications", applications_create, ROLE_FIRM, ROUTE_JSON_BODY},
    {HTTP_GET, "/v1/applications/{id}", applications_get, ROLES_SIGNED_IN, 0},
    {HTTP_POST, "/v1/applications/{id}/submit", applications_submit, ROLE_FIRM, 0},
    {HTTP_POST, "/v1/applications/{id}/resubmit", applications_resubmit, ROLE_FIRM, 0},
    {HTTP_POST, "/v1/applications/{id}/withdraw", applications_withdraw, ROLE_FIRM,
     ROUTE_JSON_BODY},
    {HTTP_POST, "/v1/applications/{id}/decision", decisions_decide, ROLE_OFFICER,
     ROUTE_JSON_BODY},
    {HTTP_POST, "/v1/applications/{id}/second-approval", decisions_second_approval,
     ROLE_APPROVER, ROUTE_JSON_BODY},
    {HTTP_POST, "/v1/applications/{id}/disbursement", decisions_disburse,
     ROLE_OFFICER | ROLE_ADMIN, ROUTE_JSON_BODY},
    {HTTP_POST, "/v1/officer-relations", relations_declare, ROLE_OFFICER | ROLE_APPROVER,
     ROUTE_JSON_BODY},
    {HTTP_GET, "/v1/officer-relations", relations_list, ROLE_OFFICER | ROLE_APPROVER, 0},
    {HTTP_PUT, "/v1/firms/{id}/facts/{year}", firm_facts_put,
     ROLE_FIRM | ROLE_OFFICER | ROLE_ADMIN, ROUTE_JSON_BODY},
    {HTTP_GET, "/v1/firms/{id}/facts/{year}", firm_facts_get, ROLES_SIGNED_IN, 0},
    {HTTP_GET, "/v1/firms/{id}/facts/{year}/versions", firm_facts_versions, ROLES_SIGNED_IN, 0},
    {HTTP_GET, "/v1/firms/{id}/facts/{year}/versions/{version}", firm_facts_get,
     ROLES_SIGNED_IN, 0},
    /* Public: a published key is what lets anyone check an exported log. */
    {HTTP_GET, "/v1/audit/key", audit_key_get, ROLES_ANYONE, 0},
    {HTTP_GET, "/v1/audit/verify", audit_verify_get, ROLE_AUDITOR | ROLE_ADMIN, 0},
    {HTTP_GET, "/v1/queue", queue_list, ROLE_OFFICER | ROLE_APPROVER, 0},
    {HTTP_POST, "/v1/queue/claim", queue_claim, ROLE_OFFICER, 0},
    {HTTP_POST, "/v1/applications/{id}/release", applications_release, ROLE_OFFICER, 0},
    {HTTP_PUT, "/v1/calendar/{date}", calendar_put, ROLE_ADMIN, ROUTE_JSON_BODY},
    {HTTP_GET, "/v1/calendar", calendar_get, ROLES_SIGNED_IN, 0},
};

const size_t registry_nroutes = sizeof registry_routes / sizeof registry_routes[0];
