-- Password sessions (POST /v1/sessions). Passwords are PBKDF2-SHA256 hashes
-- (set by `peiyuctl user add --password-stdin`); verification runs in peiyud
-- off the event loop. Failed attempts are counted per account and slowed:
-- after 5 in a row, each further attempt must wait 2^(n-5) seconds (at most
-- 15 minutes) after the last failure, or it is refused with 429 unchecked.
-- A success resets the count and issues a 12-hour bearer token.
CREATE FUNCTION session_wait_seconds(p_failed integer, p_last timestamptz) RETURNS integer
LANGUAGE sql STABLE AS $$
    SELECT CASE WHEN p_failed < 5 OR p_last IS NULL THEN 0
        ELSE greatest(0, ceil(extract(epoch FROM
            p_last + make_interval(secs => least(900, 2 ^ (p_failed - 5))) - now())))::integer
    END
$$;

CREATE FUNCTION session_open(p_user_id bigint, p_token_sha256 text, p_request_id text)
RETURNS text
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
    t api_token;
    u app_user;
BEGIN
    SELECT * INTO u FROM app_user WHERE id = p_user_id AND disabled_at IS NULL FOR UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'the login or the password is wrong' USING ERRCODE = 'PY401';
    END IF;
    UPDATE app_user SET failed_logins = 0, last_failed_at = NULL WHERE id = p_user_id;
    INSERT INTO api_token (user_id, token_sha256, label, expires_at)
    VALUES (p_user_id, p_token_sha256, 'session', now() + interval '12 hours')
    RETURNING * INTO t;
    PERFORM audit_append('system', u.id, u.login, 'session.open', 'api_token', t.id::text,
                         NULL, jsonb_build_object('user', u.login, 'expires_at', t.expires_at),
                         NULL, p_request_id);
    RETURN to_char(t.expires_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"');
END
$$;

CREATE FUNCTION session_failed(p_user_id bigint, p_request_id text) RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
    u app_user;
BEGIN
    UPDATE app_user SET failed_logins = failed_logins + 1, last_failed_at = now()
    WHERE id = p_user_id RETURNING * INTO u;
    PERFORM audit_append('system', u.id, u.login, 'session.fail', 'app_user', u.id::text,
                         NULL, jsonb_build_object('failed_logins', u.failed_logins),
                         NULL, p_request_id);
    RETURN u.failed_logins;
END
$$;

REVOKE ALL ON FUNCTION session_open(bigint, text, text), session_failed(bigint, text) FROM PUBLIC;
DO $$
BEGIN
    IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'peiyu_app') THEN
        GRANT EXECUTE ON FUNCTION session_open(bigint, text, text), session_failed(bigint, text),
            session_wait_seconds(integer, timestamptz) TO peiyu_app;
    END IF;
END
$$;
