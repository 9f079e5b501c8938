-- Decisions (issue 5 items 3–5): officers decide claimed applications,
-- approvers give the second signature, awards reserve the programme budget,
-- payments are recorded, and approvals of recognition programmes grant the
-- recognition.
--
-- One SQL function per command, each in one transaction that appends its
-- audit events (on the firm's stream) and moves the application through the
-- transition table of 0009 with application_step():
--   application_decide          POST /v1/applications/{id}/decision
--   application_second_decide   POST /v1/applications/{id}/second-approval
--   application_disburse        POST /v1/applications/{id}/disbursement
--   officer_relation_declare    POST /v1/officer-relations
-- They return (status, body, version). status 403 with body = the reason is
-- a REFUSAL that is committed with its audit event
-- ('application.decision_refused'): a conflicted officer or approver is
-- refused and the refusal stays on the record (a raised error would roll the
-- audit event back). Every other error is raised as PYnnn with COLUMN = the
-- field, and changes nothing.
--
-- Claims: the queue (0012) owns application.claimed_by and
-- claim_expires_at; "the caller holds the claim" means state 'claimed',
-- claimed_by = the caller and claim_expires_at > now(). The columns are
-- created here only when 0012 has not created them, so the order in which
-- the two migrations land does not matter. A decision ends the claim.
--
-- Conflicts of interest: officers and approvers declare relations to firms
-- (officer_relation). user_bound_to_firm(user, firm) = the user acts for
-- the firm (a firm account) or declared a relation to it. A bound officer
-- may not decide (or disburse) the firm's applications, a bound approver may
-- not give the second signature, and the reviewer may not give it either.
--
-- Awards (subsidy programmes: decision_module.effect = 'subsidy'): the
-- default award is the award_fen the rule module computed, stored in the
-- latest application_verdict; an officer may set a lower award_fen only with
-- an award_reason (422 otherwise), never a higher one (422). Awards at or
-- above the programme's four_eyes_fen go to awaiting_second_approval.
--
-- Budgets: an approval with an award reserves it in the same transaction by
--   UPDATE program SET reserved_fen = reserved_fen + award
--   WHERE id = p AND (budget_fen IS NULL OR reserved_fen + award <= budget_fen)
-- (plus the CHECK on program): the row lock serialises concurrent approvals
-- across instances and the condition is re-checked after the wait, so the
-- one that would overspend finds no row and gets 409 with nothing changed.
-- budget_reservation keeps one row per reserving application; a second
-- rejection releases it; a disbursement marks it paid (reserved_fen stays:
-- it counts money committed, paid or not).
--
-- Recognitions from approvals (decision_module.effect = 'recognition'): the
-- final approval calls recognition_grant (0010) with source 'approval',
-- granted today (Asia/Shanghai), valid per the module's rule:
--   'years'         granted_on + N years − 1 day, N = the edition's
--                   params.validity_years (the edition of the stored
--                   verdict), else decision_module.default_years
--   'calendar_year' to 31 December of the year of the evaluation (tech_sme:
--                   科技型中小企业 is valid for the evaluation year)
-- Mapping (module → kind): tech_sme, innovative_sme, specialized_sme,
-- little_giant, hnte_pool, high_tech, gazelle → the kind of the same name;
-- incubator_entry → incubator_tenant (4 years: the 48-month tenure of
-- 国科发区〔2018〕300号 for most domains). gazelle (a local list reviewed
-- yearly) defaults to 1 year. incubator_exit grants nothing.

ALTER TABLE application ADD COLUMN IF NOT EXISTS claimed_by bigint;
ALTER TABLE application ADD COLUMN IF NOT EXISTS claim_expires_at timestamptz;

ALTER TABLE recognition ADD CONSTRAINT recognition_application_fk
    FOREIGN KEY (application_id) REFERENCES application (id);

-- What approving an application of a programme's module does.
CREATE TABLE decision_module (
    module           text PRIMARY KEY CHECK (module ~ '^[a-z_]{2,40}$'),
    effect           text NOT NULL CHECK (effect IN ('subsidy', 'recognition')),
    recognition_kind text CHECK (recognition_kind IN ('incubator_tenant', 'tech_sme',
                         'innovative_sme', 'hnte_pool', 'high_tech', 'specialized_sme',
                         'little_giant', 'gazelle')),
    validity         text NOT NULL CHECK (validity IN ('none', 'years', 'calendar_year')),
    default_years    integer CHECK (default_years BETWEEN 1 AND 20),
    CHECK ((effect = 'recognition') = (recognition_kind IS NOT NULL)),
    CHECK ((effect = 'recognition') = (validity <> 'none')),
    CHECK (validity <> 'years' OR default_years IS NOT NULL)
);
INSERT INTO decision_module (module, effect, recognition_kind, validity, default_years) VALUES
    ('rd_subsidy', 'subsidy', NULL, 'none', NULL),
    ('recognition_award', 'subsidy', NULL, 'none', NULL),
    ('tech_sme', 'recognition', 'tech_sme', 'calendar_year', NULL),
    ('innovative_sme', 'recognition', 'innovative_sme', 'years', 3),
    ('specialized_sme', 'recognition', 'specialized_sme', 'years', 3),
    ('little_giant', 'recognition', 'little_giant', 'years', 3),
    ('hnte_pool', 'recognition', 'hnte_pool', 'years', 1),
    ('high_tech', 'recognition', 'high_tech', 'years', 3),
    ('gazelle', 'recognition', 'gazelle', 'years', 1),
    ('incubator_entry', 'recognition', 'incubator_tenant', 'years', 4);

CREATE TABLE officer_relation (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    officer_id  bigint NOT NULL REFERENCES app_user (id),
    firm_id     bigint NOT NULL REFERENCES firm (id),
    nature      text NOT NULL CHECK (char_length(nature) BETWEEN 1 AND 200
                                     AND nature !~ '[[:cntrl:]]'),
    declared_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (officer_id, firm_id)
);
CREATE INDEX officer_relation_firm ON officer_relation (firm_id);

CREATE TABLE decision (
    id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    application_id     bigint NOT NULL REFERENCES application (id),
    decider_id         bigint NOT NULL REFERENCES app_user (id),
    decision           text NOT NULL CHECK (decision IN ('approve', 'reject', 'return')),
    reason             text NOT NULL CHECK (char_length(reason) BETWEEN 1 AND 2000),
    verdict_id         bigint REFERENCES application_verdict (id),
    computed_award_fen bigint CHECK (computed_award_fen >= 0),
    award_fen          bigint CHECK (award_fen >= 0),
    award_reason       text CHECK (char_length(award_reason) BETWEEN 1 AND 2000),
    to_state           application_state_name NOT NULL,
    created_at         timestamptz NOT NULL DEFAULT now(),
    CHECK (decision = 'approve' OR award_fen IS NULL),
    CHECK (award_fen IS NULL OR award_fen <= computed_award_fen),
    CHECK (award_fen IS NULL OR award_fen = computed_award_fen OR award_reason IS NOT NULL)
);
CREATE INDEX decision_application ON decision (application_id, id);

CREATE TABLE second_approval (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    application_id bigint NOT NULL REFERENCES application (id),
    decision_id    bigint NOT NULL UNIQUE REFERENCES decision (id),
    approver_id    bigint NOT NULL REFERENCES app_user (id),
    decision       text NOT NULL CHECK (decision IN ('approve', 'reject')),
    reason         text NOT NULL CHECK (char_length(reason) BETWEEN 1 AND 2000),
    created_at     timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE budget_reservation (
    application_id bigint PRIMARY KEY REFERENCES application (id),
    program_id     bigint NOT NULL REFERENCES program (id),
    decision_id    bigint NOT NULL REFERENCES decision (id),
    amount_fen     bigint NOT NULL CHECK (amount_fen > 0),
    reserved_at    timestamptz NOT NULL DEFAULT now(),
    released_at    timestamptz,   -- second rejection: the amount went back to the budget
    paid_at        timestamptz,   -- disbursed
    CHECK (released_at IS NULL OR paid_at IS NULL)
);
CREATE INDEX budget_reservation_program ON budget_reservation (program_id);

CREATE TABLE disbursement (
    application_id bigint PRIMARY KEY REFERENCES application (id),
    program_id     bigint NOT NULL REFERENCES program (id),
    paid_on        date NOT NULL CHECK (paid_on BETWEEN '2000-01-01' AND '2199-12-31'),
    voucher_number text NOT NULL UNIQUE CHECK (octet_length(voucher_number) BETWEEN 1 AND 63
                                               AND voucher_number !~ '[[:cntrl:]]'),
    amount_fen     bigint NOT NULL CHECK (amount_fen > 0),
    recorded_by    bigint NOT NULL REFERENCES app_user (id),
    created_at     timestamptz NOT NULL DEFAULT now()
);

-- Is the user bound to the firm: a firm account of it, or an official who
-- declared a relation to it? (The queue's claim refuses bound officers too.)
CREATE FUNCTION user_bound_to_firm(p_user bigint, p_firm bigint) RETURNS boolean
LANGUAGE sql STABLE AS $$
    SELECT EXISTS (SELECT 1 FROM app_user WHERE id = p_user AND firm_id = p_firm)
        OR EXISTS (SELECT 1 FROM officer_relation WHERE officer_id = p_user AND firm_id = p_firm)
$$;

CREATE FUNCTION officer_relation_json(r officer_relation) RETURNS jsonb
LANGUAGE sql STABLE AS $$
    SELECT jsonb_build_object('id', r.id, 'officer_id', r.officer_id, 'firm_id', r.firm_id,
                              'nature', r.nature, 'declared_at', r.declared_at)
$$;

CREATE FUNCTION decision_json(d decision) RETURNS jsonb
LANGUAGE sql STABLE AS $$
    SELECT jsonb_build_object(
        'id', d.id, 'application_id', d.application_id, 'decider_id', d.decider_id,
        'decision', d.decision, 'reason', d.reason, 'computed_award_fen', d.computed_award_fen,
        'award_fen', d.award_fen, 'award_reason', d.award_reason, 'to_state', d.to_state,
        'created_at', d.created_at)
$$;

-- An application as the decision routes answer it: application_json plus
-- the decisions, the second signature, the reservation and the payment.
CREATE FUNCTION application_decision_json(a application) RETURNS jsonb
LANGUAGE sql STABLE AS $$
    SELECT application_json(a) || jsonb_build_object(
        'decisions', (SELECT coalesce(jsonb_agg(decision_json(d) ORDER BY d.id), '[]')
                      FROM decision d WHERE d.application_id = a.id),
        'second_approval', (SELECT jsonb_build_object('approver_id', s.approver_id,
                                'decision', s.decision, 'reason', s.reason,
                                'created_at', s.created_at)
                            FROM second_approval s WHERE s.application_id = a.id
                            ORDER BY s.id DESC LIMIT 1),
        'reservation', (SELECT jsonb_build_object('program_id', r.program_id,
                            'amount_fen', r.amount_fen, 'reserved_at', r.reserved_at,
                            'released_at', r.released_at, 'paid_at', r.paid_at)
                        FROM budget_reservation r WHERE r.application_id = a.id),
        'disbursement', (SELECT jsonb_build_object('paid_on', x.paid_on,
                             'voucher_number', x.voucher_number, 'amount_fen', x.amount_fen,
                             'recorded_by', x.recorded_by, 'created_at', x.created_at)
                         FROM disbursement x WHERE x.application_id = a.id))
$$;

-- Lock the application for a command and check the caller sees it (404);
-- programme lists of officers and approvers apply.
CREATE FUNCTION decision_lock(p_role text, p_prefixes text[], p_programs bigint[], p_id bigint)
RETURNS application
LANGUAGE plpgsql AS $$
DECLARE
    a application;
BEGIN
    SELECT * INTO a FROM application WHERE id = p_id FOR UPDATE;
    IF NOT FOUND OR NOT caller_sees_application(p_role, 0, p_prefixes, p_programs, a) THEN
        RAISE EXCEPTION 'no application %', p_id USING ERRCODE = 'PY404';
    END IF;
    RETURN a;
END
$$;

CREATE FUNCTION decision_check_version(a application, p_if_match integer) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    IF p_if_match IS NOT NULL AND a.version <> p_if_match THEN
        RAISE EXCEPTION 'the application is at version %, not %', a.version, p_if_match
            USING ERRCODE = 'PY412', COLUMN = 'If-Match';
    END IF;
END
$$;

-- Record a refusal of a bound user on the firm's stream (committed).
CREATE FUNCTION decision_refuse(a application, p_actor_id bigint, p_actor text, p_command text,
                                p_why text, p_request_id text) RETURNS text
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM audit_append('firm:' || a.firm_id, p_actor_id, p_actor, 'application.decision_refused',
                         'application', a.id::text, NULL,
                         jsonb_build_object('command', p_command, 'state', a.state,
                                            'refused', p_why),
                         p_why, p_request_id);
    RETURN p_why;
END
$$;

-- The validity of a recognition granted on p_on from a verdict of module m.
CREATE FUNCTION decision_recognition_expiry(m decision_module, p_edition text, p_on date)
RETURNS date
LANGUAGE sql STABLE AS $$
    SELECT CASE m.validity
        WHEN 'calendar_year' THEN make_date(extract(year FROM p_on)::int, 12, 31)
        WHEN 'years' THEN (p_on + make_interval(years => coalesce(
                (SELECT (e.params->>'validity_years')::int FROM rule_edition e
                 WHERE e.module = m.module AND e.edition_id = p_edition
                   AND jsonb_typeof(e.params->'validity_years') = 'number'),
                m.default_years)))::date - 1
    END
$$;

-- The final approval's side effect: grant the recognition of a recognition
-- programme. Returns the recognition as JSON, or NULL.
CREATE FUNCTION decision_grant(a application, p_actor_id bigint, p_actor text, p_role text,
                               p_request_id text) RETURNS jsonb
LANGUAGE plpgsql AS $$
DECLARE
    m decision_module;
    v application_verdict;
    today date := (now() AT TIME ZONE 'Asia/Shanghai')::date;
BEGIN
    SELECT dm.* INTO m FROM decision_module dm JOIN program p ON p.module = dm.module
    WHERE p.id = a.program_id;
    IF NOT FOUND OR m.effect <> 'recognition' THEN
        RETURN NULL;
    END IF;
    SELECT * INTO v FROM application_verdict WHERE application_id = a.id ORDER BY id DESC LIMIT 1;
    RETURN (SELECT g.body::jsonb FROM recognition_grant(p_actor_id, p_actor, p_role, p_request_id,
                a.firm_id, m.recognition_kind, NULL, today,
                decision_recognition_expiry(m, v.edition_id, today), 'approval', a.id) g);
END
$$;

-- POST /v1/applications/{id}/decision. p_decision approve | reject | return;
-- p_reason required; p_award_fen / p_award_reason only for approvals of
-- subsidy programmes. Checks in order: role (403), scope (404), conflict of
-- interest (403, refusal committed and audited), the caller's unexpired
-- claim (403), If-Match (412), the award (422), the budget (409), then the
-- move (409 when the transition table has none).
CREATE FUNCTION application_decide(p_actor_id bigint, p_actor text, p_role text,
                                   p_prefixes text[], p_programs bigint[], p_request_id text,
                                   p_id bigint, p_if_match integer, p_decision text,
                                   p_reason text, p_award_fen bigint, p_award_reason text,
                                   OUT status integer, OUT body text, OUT version integer)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
    a application;
    p program;
    v application_verdict;
    m decision_module;
    d decision;
    award bigint;
    target text;
    rec jsonb;
BEGIN
    IF p_role <> 'officer' THEN
        RAISE EXCEPTION 'only the officer holding the claim decides' USING ERRCODE = 'PY403';
    END IF;
    IF p_decision IS NULL OR p_decision NOT IN ('approve', 'reject', 'return') THEN
        RAISE EXCEPTION 'decision is approve, reject or return' USING ERRCODE = 'PY400',
            COLUMN = 'decision';
    END IF;
    IF p_reason IS NULL OR char_length(p_reason) NOT BETWEEN 1 AND 2000 THEN
        RAISE EXCEPTION 'a decision needs a reason (1 to 2000 characters)' USING ERRCODE = 'PY400',
            COLUMN = 'reason';
    END IF;
    a := decision_lock(p_role, p_prefixes, p_programs, p_id);
    IF user_bound_to_firm(p_actor_id, a.firm_id) THEN
        status := 403;
        body := decision_refuse(a, p_actor_id, p_actor, 'decision',
                    'you declared a relation to firm ' || a.firm_id
                    || '; a conflicted officer may not decide its applications', p_request_id);
        RETURN;
    END IF;
    IF a.state <> 'claimed' OR a.claimed_by IS DISTINCT FROM p_actor_id
       OR a.claim_expires_at IS NULL OR a.claim_expires_at <= now() THEN
        RAISE EXCEPTION '%', CASE
            WHEN a.state = 'claimed' AND a.claimed_by = p_actor_id
                THEN 'your claim on application ' || a.id || ' lapsed at '
                     || shanghai_text(a.claim_expires_at) || '; claim it again'
            ELSE 'only the officer holding an unexpired claim on application ' || a.id
                 || ' may decide it' END
            USING ERRCODE = 'PY403';
    END IF;
    PERFORM decision_check_version(a, p_if_match);
    SELECT * INTO p FROM program WHERE id = a.program_id;
    SELECT * INTO m FROM decision_module WHERE module = p.module;
    SELECT * INTO v FROM application_verdict WHERE application_id = a.id ORDER BY id DESC LIMIT 1;
    IF p_decision <> 'approve' OR m.effect IS DISTINCT FROM 'subsidy' THEN
        IF p_award_fen IS NOT NULL OR p_award_reason IS NOT NULL THEN
            RAISE EXCEPTION '%', CASE WHEN p_decision <> 'approve'
                THEN 'only an approval carries an award'
                ELSE 'programme ' || p.id || ' (' || p.module || ') pays no award' END
                USING ERRCODE = 'PY422',
                COLUMN = CASE WHEN p_award_fen IS NOT NULL THEN 'award_fen' ELSE 'award_reason' END;
        END IF;
    ELSE
        IF v.award_fen IS NULL THEN
            RAISE EXCEPTION 'the rule module computed no award for this application (outcome %); return it for facts or reject it',
                v.outcome USING ERRCODE = 'PY422', COLUMN = 'award_fen';
        END IF;
        award := coalesce(p_award_fen, v.award_fen);
        IF award > v.award_fen THEN
            RAISE EXCEPTION 'award_fen % is above the % fen the rule module computed; an award is never higher',
                award, v.award_fen USING ERRCODE = 'PY422', COLUMN = 'award_fen';
        END IF;
        IF award < v.award_fen AND p_award_reason IS NULL THEN
            RAISE EXCEPTION 'award_fen % is below the % fen the rule module computed; say why in award_reason',
                award, v.award_fen USING ERRCODE = 'PY422', COLUMN = 'award_reason';
        END IF;
        IF award = v.award_fen AND p_award_reason IS NOT NULL THEN
            RAISE EXCEPTION 'award_reason explains a lower award; the award is the computed % fen',
                v.award_fen USING ERRCODE = 'PY422', COLUMN = 'award_reason';
        END IF;
    END IF;
    target := CASE p_decision
        WHEN 'approve' THEN CASE WHEN award IS NOT NULL AND p.four_eyes_fen IS NOT NULL
                                      AND award >= p.four_eyes_fen
                                 THEN 'awaiting_second_approval' ELSE 'approved' END
        WHEN 'reject' THEN 'rejected'
        ELSE 'returned' END;
    INSERT INTO decision (application_id, decider_id, decision, reason, verdict_id,
                          computed_award_fen, award_fen, award_reason, to_state)
    VALUES (a.id, p_actor_id, p_decision, p_reason, v.id,
            CASE WHEN award IS NOT NULL THEN v.award_fen END, award, p_award_reason, target)
    RETURNING * INTO d;
    IF award > 0 THEN
        UPDATE program SET reserved_fen = reserved_fen + award
        WHERE id = p.id AND (budget_fen IS NULL OR reserved_fen + award <= budget_fen)
        RETURNING * INTO p;
        IF NOT FOUND THEN
            SELECT * INTO p FROM program WHERE id = a.program_id;
            RAISE EXCEPTION 'programme % has % fen of its budget left; an award of % fen would overspend it',
                p.id, p.budget_fen - p.reserved_fen, award USING ERRCODE = 'PY409',
                COLUMN = 'award_fen';
        END IF;
        INSERT INTO budget_reservation (application_id, program_id, decision_id, amount_fen)
        VALUES (a.id, p.id, d.id, award);
    END IF;
    UPDATE application SET claimed_by = NULL, claim_expires_at = NULL WHERE id = a.id
    RETURNING * INTO a;
    PERFORM audit_append('firm:' || a.firm_id, p_actor_id, p_actor, 'decision.create', 'decision',
                         d.id::text, NULL,
                         decision_json(d) || jsonb_build_object('program_reserved_fen',
                                                                p.reserved_fen),
                         p_reason, p_request_id);
    a := application_step(a, p_decision, target, 'officer', p_actor_id, p_actor, p_reason,
                          p_request_id);
    IF target = 'approved' THEN
        rec := decision_grant(a, p_actor_id, p_actor, p_role, p_request_id);
    END IF;
    status := 200;
    body := (application_decision_json(a) || jsonb_build_object('recognition', rec))::text;
    version := a.version;
END
$$;

-- POST /v1/applications/{id}/second-approval. Approvers only (403); not the
-- reviewer and not anyone bound to the firm (403, refusal committed and
-- audited); state awaiting_second_approval (409). A rejection releases the
-- reservation; an approval of a recognition programme grants it.
CREATE FUNCTION application_second_decide(p_actor_id bigint, p_actor text, p_role text,
                                          p_prefixes text[], p_programs bigint[],
                                          p_request_id text, p_id bigint, p_if_match integer,
                                          p_decision text, p_reason text,
                                          OUT status integer, OUT body text, OUT version integer)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
    a application;
    d decision;
    r budget_reservation;
    rec jsonb;
BEGIN
    IF p_role <> 'approver' THEN
        RAISE EXCEPTION 'only an approver gives the second signature' USING ERRCODE = 'PY403';
    END IF;
    IF p_decision IS NULL OR p_decision NOT IN ('approve', 'reject') THEN
        RAISE EXCEPTION 'decision is approve or reject' USING ERRCODE = 'PY400',
            COLUMN = 'decision';
    END IF;
    IF p_reason IS NULL OR char_length(p_reason) NOT BETWEEN 1 AND 2000 THEN
        RAISE EXCEPTION 'a second signature needs a reason (1 to 2000 characters)'
            USING ERRCODE = 'PY400', COLUMN = 'reason';
    END IF;
    a := decision_lock(p_role, p_prefixes, p_programs, p_id);
    SELECT * INTO d FROM decision WHERE application_id = a.id ORDER BY id DESC LIMIT 1;
    IF user_bound_to_firm(p_actor_id, a.firm_id) OR d.decider_id = p_actor_id THEN
        status := 403;
        body := decision_refuse(a, p_actor_id, p_actor, 'second_approval',
                    CASE WHEN d.decider_id = p_actor_id
                        THEN 'the reviewer may not give the second signature'
                        ELSE 'you are bound to firm ' || a.firm_id
                             || '; you may not give the second signature on its applications' END,
                    p_request_id);
        RETURN;
    END IF;
    IF a.state <> 'awaiting_second_approval' THEN
        RAISE EXCEPTION 'application % is %, not awaiting a second approval', a.id, a.state
            USING ERRCODE = 'PY409', COLUMN = 'state';
    END IF;
    PERFORM decision_check_version(a, p_if_match);
    INSERT INTO second_approval (application_id, decision_id, approver_id, decision, reason)
    VALUES (a.id, d.id, p_actor_id, p_decision, p_reason);
    IF p_decision = 'reject' THEN
        UPDATE budget_reservation SET released_at = now()
        WHERE application_id = a.id AND released_at IS NULL
        RETURNING * INTO r;
        IF FOUND THEN
            UPDATE program SET reserved_fen = reserved_fen - r.amount_fen WHERE id = r.program_id;
        END IF;
    END IF;
    PERFORM audit_append('firm:' || a.firm_id, p_actor_id, p_actor, 'second_approval.create',
                         'decision', d.id::text, decision_json(d),
                         jsonb_build_object('decision_id', d.id, 'approver_id', p_actor_id,
                                            'decision', p_decision,
                                            'released_fen', r.amount_fen),
                         p_reason, p_request_id);
    a := application_step(a, 'second_' || p_decision, NULL, 'approver', p_actor_id, p_actor,
                          p_reason, p_request_id);
    IF a.state = 'approved' THEN
        rec := decision_grant(a, p_actor_id, p_actor, p_role, p_request_id);
    END IF;
    status := 200;
    body := (application_decision_json(a) || jsonb_build_object('recognition', rec))::text;
    version := a.version;
END
$$;

-- POST /v1/applications/{id}/disbursement: officers (not bound to the firm:
-- 403, refusal audited) and admins; state approved (409); amount_fen equal
-- to the award (422); paid_on not before the approval nor after today
-- (Asia/Shanghai) (422); a voucher number used once (409).
CREATE FUNCTION application_disburse(p_actor_id bigint, p_actor text, p_role text,
                                     p_prefixes text[], p_programs bigint[], p_request_id text,
                                     p_id bigint, p_if_match integer, p_paid_on date,
                                     p_voucher text, p_amount_fen bigint,
                                     OUT status integer, OUT body text, OUT version integer)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
    a application;
    r budget_reservation;
    x disbursement;
    approved_on date;
BEGIN
    IF p_role NOT IN ('officer', 'admin') THEN
        RAISE EXCEPTION 'only an officer or an admin records payments' USING ERRCODE = 'PY403';
    END IF;
    a := decision_lock(p_role, p_prefixes, p_programs, p_id);
    IF p_role = 'officer' AND user_bound_to_firm(p_actor_id, a.firm_id) THEN
        status := 403;
        body := decision_refuse(a, p_actor_id, p_actor, 'disbursement',
                    'you declared a relation to firm ' || a.firm_id
                    || '; a conflicted officer may not record its payments', p_request_id);
        RETURN;
    END IF;
    IF a.state <> 'approved' THEN
        RAISE EXCEPTION 'application % is %; only an approved application is paid', a.id, a.state
            USING ERRCODE = 'PY409', COLUMN = 'state';
    END IF;
    PERFORM decision_check_version(a, p_if_match);
    SELECT * INTO r FROM budget_reservation WHERE application_id = a.id AND released_at IS NULL;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'application % carries no award to pay', a.id
            USING ERRCODE = 'PY422', COLUMN = 'amount_fen';
    END IF;
    IF p_amount_fen IS DISTINCT FROM r.amount_fen THEN
        RAISE EXCEPTION 'amount_fen % is not the award of % fen', p_amount_fen, r.amount_fen
            USING ERRCODE = 'PY422', COLUMN = 'amount_fen';
    END IF;
    approved_on := (SELECT (max(m.at) AT TIME ZONE 'Asia/Shanghai')::date FROM application_move m
                    WHERE m.application_id = a.id AND m.to_state = 'approved');
    IF p_paid_on < approved_on OR p_paid_on > (now() AT TIME ZONE 'Asia/Shanghai')::date THEN
        RAISE EXCEPTION 'paid_on % is outside % .. today (the approval until today, Asia/Shanghai)',
            p_paid_on, approved_on USING ERRCODE = 'PY422', COLUMN = 'paid_on';
    END IF;
    IF EXISTS (SELECT 1 FROM disbursement WHERE voucher_number = p_voucher) THEN
        RAISE EXCEPTION 'voucher number % is recorded already', p_voucher
            USING ERRCODE = 'PY409', COLUMN = 'voucher_number';
    END IF;
    INSERT INTO disbursement (application_id, program_id, paid_on, voucher_number, amount_fen,
                              recorded_by)
    VALUES (a.id, r.program_id, p_paid_on, p_voucher, p_amount_fen, p_actor_id)
    RETURNING * INTO x;
    UPDATE budget_reservation SET paid_at = now() WHERE application_id = a.id;
    PERFORM audit_append('firm:' || a.firm_id, p_actor_id, p_actor, 'disbursement.create',
                         'disbursement', a.id::text, NULL,
                         jsonb_build_object('application_id', a.id, 'program_id', x.program_id,
                                            'paid_on', x.paid_on,
                                            'voucher_number', x.voucher_number,
                                            'amount_fen', x.amount_fen),
                         NULL, p_request_id);
    a := application_step(a, 'disburse', NULL, p_role, p_actor_id, p_actor,
                          'voucher ' || p_voucher, p_request_id);
    status := 200;
    body := application_decision_json(a)::text;
    version := a.version;
END
$$;

-- POST /v1/officer-relations: an officer or approver declares a relation to
-- a firm it can see (404 otherwise); once per firm (409).
CREATE FUNCTION officer_relation_declare(p_actor_id bigint, p_actor text, p_role text,
                                         p_prefixes text[], p_request_id text, p_firm_id bigint,
                                         p_nature text, OUT body text)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
    f firm;
    r officer_relation;
BEGIN
    IF p_role NOT IN ('officer', 'approver') THEN
        RAISE EXCEPTION 'only officers and approvers declare relations' USING ERRCODE = 'PY403';
    END IF;
    SELECT * INTO f FROM firm WHERE id = p_firm_id FOR KEY SHARE;
    IF NOT FOUND OR NOT caller_sees_firm(p_role, 0, p_prefixes, f.id, f.region_code) THEN
        RAISE EXCEPTION 'no firm %', p_firm_id USING ERRCODE = 'PY404', COLUMN = 'firm_id';
    END IF;
    IF EXISTS (SELECT 1 FROM officer_relation WHERE officer_id = p_actor_id AND firm_id = f.id) THEN
        RAISE EXCEPTION 'you declared a relation to firm % already', f.id
            USING ERRCODE = 'PY409', COLUMN = 'firm_id';
    END IF;
    INSERT INTO officer_relation (officer_id, firm_id, nature)
    VALUES (p_actor_id, f.id, p_nature)
    RETURNING * INTO r;
    PERFORM audit_append('firm:' || f.id, p_actor_id, p_actor, 'officer_relation.declare',
                         'officer_relation', r.id::text, NULL, officer_relation_json(r), NULL,
                         p_request_id);
    body := officer_relation_json(r)::text;
END
$$;

REVOKE ALL ON FUNCTION application_decide(bigint, text, text, text[], bigint[], text, bigint,
                                          integer, text, text, bigint, text) FROM PUBLIC;
REVOKE ALL ON FUNCTION application_second_decide(bigint, text, text, text[], bigint[], text,
                                                 bigint, integer, text, text) FROM PUBLIC;
REVOKE ALL ON FUNCTION application_disburse(bigint, text, text, text[], bigint[], text, bigint,
                                            integer, date, text, bigint) FROM PUBLIC;
REVOKE ALL ON FUNCTION officer_relation_declare(bigint, text, text, text[], text, bigint, text)
    FROM PUBLIC;
REVOKE ALL ON FUNCTION decision_refuse(application, bigint, text, text, text, text) FROM PUBLIC;
REVOKE ALL ON FUNCTION decision_grant(application, bigint, text, text, text) FROM PUBLIC;
DO $$
BEGIN
    IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'peiyu_app') THEN
        GRANT SELECT ON decision_module, officer_relation, decision, second_approval,
                        budget_reservation, disbursement TO peiyu_app;
        GRANT EXECUTE ON FUNCTION
            application_decide(bigint, text, text, text[], bigint[], text, bigint, integer, text,
                               text, bigint, text),
            application_second_decide(bigint, text, text, text[], bigint[], text, bigint, integer,
                                      text, text),
            application_disburse(bigint, text, text, text[], bigint[], text, bigint, integer, date,
                                 text, bigint),
            officer_relation_declare(bigint, text, text, text[], text, bigint, text),
            user_bound_to_firm(bigint, bigint),
            officer_relation_json(officer_relation)
            TO peiyu_app;
    END IF;
END
$$;
