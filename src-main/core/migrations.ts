// Numbered schema migrations, applied in order on open (the store records the version).
// Append only: never edit a migration that has shipped; add a new one.
// Statements must be deterministic (the store replays them from its journal).
import type { Migration } from './store';

export const migrations: Migration[] = [
  {
    version: 1,
    name: 'settings and centre key-value table',
    up: `CREATE TABLE kv (key TEXT PRIMARY KEY, value TEXT NOT NULL, updated_at INTEGER NOT NULL);`,
  },
  {
    version: 2,
    name: 'wall presets and the active preset per display',
    up: `
      CREATE TABLE wall_preset (id TEXT PRIMARY KEY, name TEXT NOT NULL UNIQUE, spec TEXT NOT NULL, updated_at INTEGER NOT NULL);
      CREATE TABLE wall_active (display INTEGER PRIMARY KEY, preset_id TEXT NOT NULL REFERENCES wall_preset(id));
    `,
  },
  {
    version: 3,
    name: 'duty: people, shifts with their history, published months, handovers, duty log',
    up: `
      CREATE TABLE duty_person (id TEXT PRIMARY KEY, name TEXT NOT NULL UNIQUE, role TEXT NOT NULL, phone TEXT NOT NULL, unit TEXT NOT NULL,
        active INTEGER NOT NULL, demo INTEGER NOT NULL DEFAULT 0, created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL);
      CREATE TABLE duty_shift (id TEXT PRIMARY KEY, person_id TEXT NOT NULL REFERENCES duty_person(id), role TEXT NOT NULL,
        start_at INTEGER NOT NULL, end_at INTEGER NOT NULL, note TEXT NOT NULL, corrected INTEGER NOT NULL DEFAULT 0,
        demo INTEGER NOT NULL DEFAULT 0, created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL);
      CREATE INDEX duty_shift_start ON duty_shift (start_at);
      CREATE INDEX duty_shift_person ON duty_shift (person_id, start_at);
      CREATE TABLE duty_shift_history (seq INTEGER PRIMARY KEY, shift_id TEXT NOT NULL, at INTEGER NOT NULL, kind TEXT NOT NULL, via TEXT NOT NULL,
        correction INTEGER NOT NULL, reason TEXT NOT NULL, before_json TEXT, after_json TEXT,
        span_from INTEGER NOT NULL, span_to INTEGER NOT NULL, by_id TEXT NOT NULL, by_name TEXT NOT NULL, by_role TEXT NOT NULL, peer TEXT NOT NULL);
      CREATE INDEX duty_shift_history_shift ON duty_shift_history (shift_id, seq);
      CREATE INDEX duty_shift_history_span ON duty_shift_history (span_from);
      CREATE TABLE duty_published_month (month TEXT PRIMARY KEY, published_at INTEGER NOT NULL, by_id TEXT NOT NULL, by_name TEXT NOT NULL, by_role TEXT NOT NULL,
        demo INTEGER NOT NULL DEFAULT 0);
      CREATE TABLE duty_publish_log (seq INTEGER PRIMARY KEY, month TEXT NOT NULL, action TEXT NOT NULL, reason TEXT NOT NULL, at INTEGER NOT NULL,
        by_id TEXT NOT NULL, by_name TEXT NOT NULL, peer TEXT NOT NULL);
      CREATE TABLE duty_handover (id TEXT PRIMARY KEY, outgoing_id TEXT NOT NULL, outgoing_name TEXT NOT NULL, outgoing_role TEXT NOT NULL,
        incoming_id TEXT NOT NULL, incoming_name TEXT NOT NULL, incoming_role TEXT NOT NULL, notes TEXT NOT NULL, open_items TEXT NOT NULL,
        status TEXT NOT NULL, handed_over_at INTEGER NOT NULL, confirmed_at INTEGER, confirm_note TEXT NOT NULL DEFAULT '',
        cancelled_at INTEGER, cancel_reason TEXT NOT NULL DEFAULT '', demo INTEGER NOT NULL DEFAULT 0);
      CREATE INDEX duty_handover_time ON duty_handover (handed_over_at);
      CREATE TABLE duty_report (id TEXT PRIMARY KEY, received_at INTEGER NOT NULL, source TEXT NOT NULL, category TEXT NOT NULL, street TEXT NOT NULL,
        location TEXT NOT NULL, lat REAL, lng REAL, summary TEXT NOT NULL, severity TEXT NOT NULL, caller TEXT NOT NULL, status TEXT NOT NULL,
        recorded_by_id TEXT NOT NULL, recorded_by_name TEXT NOT NULL, recorded_by_role TEXT NOT NULL, recorded_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL, demo INTEGER NOT NULL DEFAULT 0);
      CREATE INDEX duty_report_received ON duty_report (received_at);
      CREATE INDEX duty_report_status ON duty_report (status);
      CREATE TABLE duty_report_event (seq INTEGER PRIMARY KEY, report_id TEXT NOT NULL REFERENCES duty_report(id), at INTEGER NOT NULL, kind TEXT NOT NULL,
        from_status TEXT, to_status TEXT, note TEXT NOT NULL, fields TEXT NOT NULL, response_id TEXT,
        by_id TEXT NOT NULL, by_name TEXT NOT NULL, by_role TEXT NOT NULL, peer TEXT NOT NULL);
      CREATE INDEX duty_report_event_report ON duty_report_event (report_id, seq);
    `,
  },
  {
    version: 4,
    name: 'plans: library with revisions and attachments, responses with checklists and timelines, drills',
    up: `
      CREATE TABLE plan (id TEXT PRIMARY KEY, title TEXT NOT NULL, category TEXT NOT NULL, level TEXT NOT NULL, street TEXT, owner_unit TEXT NOT NULL,
        summary TEXT NOT NULL, version TEXT NOT NULL, revised_on TEXT NOT NULL, revision_months INTEGER NOT NULL, levels_json TEXT NOT NULL,
        archived INTEGER NOT NULL DEFAULT 0, demo INTEGER NOT NULL DEFAULT 0, created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL);
      CREATE INDEX plan_category ON plan (category, title);
      CREATE TABLE plan_revision (seq INTEGER PRIMARY KEY, plan_id TEXT NOT NULL REFERENCES plan(id), at INTEGER NOT NULL, kind TEXT NOT NULL,
        version TEXT NOT NULL, revised_on TEXT NOT NULL, note TEXT NOT NULL, snapshot_json TEXT NOT NULL,
        by_id TEXT NOT NULL, by_name TEXT NOT NULL, by_role TEXT NOT NULL, peer TEXT NOT NULL);
      CREATE INDEX plan_revision_plan ON plan_revision (plan_id, seq);
      CREATE TABLE plan_attachment (plan_id TEXT NOT NULL REFERENCES plan(id), sha256 TEXT NOT NULL, name TEXT NOT NULL, media_type TEXT NOT NULL,
        size INTEGER NOT NULL, added_at INTEGER NOT NULL, by_id TEXT NOT NULL, by_name TEXT NOT NULL, by_role TEXT NOT NULL,
        PRIMARY KEY (plan_id, sha256));
      CREATE TABLE plan_response (id TEXT PRIMARY KEY, plan_id TEXT NOT NULL REFERENCES plan(id), plan_title TEXT NOT NULL, category TEXT NOT NULL,
        level TEXT NOT NULL, status TEXT NOT NULL, activated_at INTEGER NOT NULL, activated_by_id TEXT NOT NULL, activated_by_name TEXT NOT NULL,
        activated_by_role TEXT NOT NULL, closed_at INTEGER, closed_by_id TEXT, closed_by_name TEXT, closed_by_role TEXT, summary TEXT NOT NULL DEFAULT '',
        demo INTEGER NOT NULL DEFAULT 0);
      CREATE INDEX plan_response_status ON plan_response (status, activated_at);
      CREATE TABLE plan_response_action (id TEXT PRIMARY KEY, response_id TEXT NOT NULL REFERENCES plan_response(id), seq INTEGER NOT NULL,
        level TEXT NOT NULL, text TEXT NOT NULL, unit TEXT NOT NULL, time_limit_min INTEGER NOT NULL, added_at INTEGER NOT NULL, due_at INTEGER NOT NULL,
        owner TEXT NOT NULL, status TEXT NOT NULL, started_at INTEGER, done_at INTEGER, note TEXT NOT NULL DEFAULT '', updated_at INTEGER NOT NULL,
        updated_by_id TEXT, updated_by_name TEXT, updated_by_role TEXT);
      CREATE INDEX plan_response_action_response ON plan_response_action (response_id, seq);
      CREATE TABLE plan_response_event (seq INTEGER PRIMARY KEY, response_id TEXT NOT NULL REFERENCES plan_response(id), at INTEGER NOT NULL,
        kind TEXT NOT NULL, text TEXT NOT NULL, action_id TEXT, from_value TEXT, to_value TEXT,
        by_id TEXT NOT NULL, by_name TEXT NOT NULL, by_role TEXT NOT NULL, peer TEXT NOT NULL);
      CREATE INDEX plan_response_event_response ON plan_response_event (response_id, seq);
      CREATE TABLE plan_response_report (response_id TEXT NOT NULL REFERENCES plan_response(id), report_id TEXT NOT NULL REFERENCES duty_report(id),
        linked_at INTEGER NOT NULL, PRIMARY KEY (response_id, report_id));
      CREATE INDEX plan_response_report_report ON plan_response_report (report_id);
      CREATE TABLE plan_drill (id TEXT PRIMARY KEY, plan_id TEXT NOT NULL REFERENCES plan(id), title TEXT NOT NULL, planned_on TEXT NOT NULL, held_on TEXT,
        participants TEXT NOT NULL, participant_count INTEGER NOT NULL, findings TEXT NOT NULL, demo INTEGER NOT NULL DEFAULT 0,
        created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL, by_id TEXT NOT NULL, by_name TEXT NOT NULL, by_role TEXT NOT NULL);
      CREATE INDEX plan_drill_planned ON plan_drill (planned_on);
    `,
  },
  {
    version: 5,
    name: 'power: configured sources, state transitions, alarms with acknowledgement and mute',
    up: `
      CREATE TABLE power_source (id TEXT PRIMARY KEY, position INTEGER NOT NULL, spec TEXT NOT NULL, updated_at INTEGER NOT NULL);
      CREATE TABLE power_transition (seq INTEGER PRIMARY KEY, at INTEGER NOT NULL, from_state TEXT NOT NULL, to_state TEXT NOT NULL,
        reason_zh TEXT NOT NULL, reason_en TEXT NOT NULL, alarm_id TEXT);
      CREATE TABLE power_alarm (id TEXT PRIMARY KEY, code TEXT NOT NULL, severity TEXT NOT NULL, source_id TEXT, from_state TEXT, to_state TEXT,
        message_zh TEXT NOT NULL, message_en TEXT NOT NULL, action_zh TEXT NOT NULL, action_en TEXT NOT NULL, raised_at INTEGER NOT NULL,
        cleared_at INTEGER, acknowledged_at INTEGER, acknowledged_by TEXT, acknowledged_peer TEXT,
        muted INTEGER NOT NULL DEFAULT 0, muted_by TEXT, muted_at INTEGER);
      CREATE INDEX power_alarm_raised ON power_alarm (raised_at);
      CREATE INDEX power_alarm_open ON power_alarm (cleared_at, acknowledged_at);
    `,
  },
  {
    version: 6,
    name: 'one map objects and tile sources, warnings with history, camera sources and tours, indicator values',
    up: `
      CREATE TABLE map_object (id TEXT PRIMARY KEY, kind TEXT NOT NULL, name TEXT NOT NULL, street TEXT, lat REAL NOT NULL, lng REAL NOT NULL,
        level TEXT, spec TEXT NOT NULL, demo INTEGER NOT NULL DEFAULT 0, created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL);
      CREATE INDEX map_object_kind ON map_object (kind, name);
      CREATE TABLE map_object_event (seq INTEGER PRIMARY KEY, object_id TEXT NOT NULL, at INTEGER NOT NULL, kind TEXT NOT NULL, peer TEXT NOT NULL,
        before_json TEXT);
      CREATE INDEX map_object_event_object ON map_object_event (object_id, seq);
      CREATE TABLE map_tile_source (id TEXT PRIMARY KEY, position INTEGER NOT NULL, spec TEXT NOT NULL, updated_at INTEGER NOT NULL);
      CREATE TABLE warning (id TEXT PRIMARY KEY, type TEXT NOT NULL, level TEXT NOT NULL, event TEXT NOT NULL, headline TEXT NOT NULL,
        description TEXT NOT NULL, instruction TEXT NOT NULL, area TEXT NOT NULL, sender TEXT NOT NULL, cap_identifier TEXT NOT NULL,
        sent_at INTEGER NOT NULL, expires_at INTEGER, status TEXT NOT NULL, issued_at INTEGER NOT NULL, updated_at INTEGER NOT NULL,
        ended_at INTEGER, source TEXT NOT NULL);
      CREATE INDEX warning_status ON warning (status, type);
      CREATE TABLE warning_event (seq INTEGER PRIMARY KEY, at INTEGER NOT NULL, warning_id TEXT NOT NULL REFERENCES warning(id), change TEXT NOT NULL,
        from_level TEXT, to_level TEXT, headline TEXT NOT NULL, cap_identifier TEXT NOT NULL, via TEXT NOT NULL, peer TEXT NOT NULL);
      CREATE TABLE warning_cap_seen (sender TEXT NOT NULL, identifier TEXT NOT NULL, at INTEGER NOT NULL, PRIMARY KEY (sender, identifier));
      CREATE TABLE camera_source (id TEXT PRIMARY KEY, position INTEGER NOT NULL, spec TEXT NOT NULL, updated_at INTEGER NOT NULL);
      CREATE TABLE camera_tour (id TEXT PRIMARY KEY, position INTEGER NOT NULL, spec TEXT NOT NULL, updated_at INTEGER NOT NULL);
      CREATE TABLE stats_indicator (id TEXT PRIMARY KEY, value REAL NOT NULL, as_of TEXT NOT NULL, note TEXT NOT NULL, updated_at INTEGER NOT NULL);
    `,
  },
  {
    version: 7,
    name: 'video consultations and their participants',
    up: `
      CREATE TABLE consult_consultation (id TEXT PRIMARY KEY, topic TEXT NOT NULL, host TEXT NOT NULL, started_at INTEGER NOT NULL,
        ended_at INTEGER, started_by TEXT NOT NULL, ended_by TEXT, duty_entry_id TEXT, plan_response_id TEXT, mode TEXT NOT NULL,
        low_bandwidth INTEGER NOT NULL, rev INTEGER NOT NULL);
      CREATE INDEX consult_consultation_started ON consult_consultation (started_at);
      CREATE TABLE consult_participant (consultation_id TEXT NOT NULL REFERENCES consult_consultation(id), participant_id TEXT NOT NULL,
        name TEXT NOT NULL, position INTEGER NOT NULL, joined_at INTEGER, left_at INTEGER, PRIMARY KEY (consultation_id, participant_id));
    `,
  },
  {
    version: 8,
    name: 'identity: passwords of the duty people, sessions, changed role rights, the hash-chained audit trail',
    up: `
      CREATE TABLE auth_account (person_id TEXT PRIMARY KEY, password_hash TEXT NOT NULL, updated_at INTEGER NOT NULL, updated_by TEXT NOT NULL);
      CREATE TABLE auth_session (id_hash TEXT PRIMARY KEY, person_id TEXT NOT NULL, role TEXT NOT NULL, started_at INTEGER NOT NULL,
        used_at INTEGER NOT NULL, expires_at INTEGER NOT NULL);
      CREATE INDEX auth_session_person ON auth_session (person_id);
      CREATE TABLE auth_role (role TEXT PRIMARY KEY, rights TEXT NOT NULL, updated_at INTEGER NOT NULL);
      CREATE TABLE audit (seq INTEGER PRIMARY KEY, at INTEGER NOT NULL, person_id TEXT, person_name TEXT, machine_id TEXT, street TEXT,
        transport TEXT NOT NULL, method TEXT NOT NULL, params_digest TEXT NOT NULL, prev_hash TEXT NOT NULL, hash TEXT NOT NULL);
      CREATE INDEX audit_at ON audit (at);
      CREATE INDEX audit_person ON audit (person_id, seq);
      CREATE INDEX audit_method ON audit (method, seq);
    `,
  },
  {
    version: 9,
    name: 'identity: enrolled machines and their one-time codes, the audit detail (refusals, address), duty.report for roles that write the duty log',
    up: `
      CREATE TABLE auth_machine (id TEXT PRIMARY KEY, kind TEXT NOT NULL, street TEXT, name TEXT NOT NULL, secret_hash TEXT NOT NULL,
        enrolled_at INTEGER NOT NULL, last_seen_at INTEGER, last_address TEXT, revoked_at INTEGER);
      CREATE TABLE auth_enrol_code (code_hash TEXT PRIMARY KEY, kind TEXT NOT NULL, street TEXT, issued_at INTEGER NOT NULL, issued_by TEXT,
        expires_at INTEGER NOT NULL);
      ALTER TABLE audit ADD COLUMN detail TEXT;
      UPDATE auth_role SET rights = replace(rights, '"duty.write"', '"duty.write","duty.report"')
        WHERE rights LIKE '%"duty.write"%' AND rights NOT LIKE '%"duty.report"%';
    `,
  },
  {
    version: 10,
    name: 'tasks (指令): tasks ordered to streets, teams, departments and warehouses, and their history of state changes',
    up: `
      CREATE TABLE task (id TEXT PRIMARY KEY, title TEXT NOT NULL, content TEXT NOT NULL, priority TEXT NOT NULL,
        addressee_kind TEXT NOT NULL, addressee_name TEXT NOT NULL, deadline INTEGER NOT NULL, ack_window_min INTEGER NOT NULL,
        ack_due_at INTEGER NOT NULL, lat REAL, lng REAL, response_id TEXT, report_id TEXT, attachments_json TEXT NOT NULL,
        state TEXT NOT NULL, result TEXT NOT NULL DEFAULT '', reason TEXT NOT NULL DEFAULT '',
        issued_at INTEGER NOT NULL, issued_by_id TEXT NOT NULL, issued_by_name TEXT NOT NULL, issued_by_role TEXT NOT NULL,
        received_at INTEGER, started_at INTEGER, finished_at INTEGER, updated_at INTEGER NOT NULL);
      CREATE INDEX task_issued ON task (issued_at);
      CREATE INDEX task_state ON task (state, deadline);
      CREATE INDEX task_addressee ON task (addressee_kind, addressee_name, issued_at);
      CREATE INDEX task_response ON task (response_id, issued_at);
      CREATE TABLE task_event (seq INTEGER PRIMARY KEY, task_id TEXT NOT NULL REFERENCES task(id), at INTEGER NOT NULL,
        from_state TEXT, to_state TEXT NOT NULL, text TEXT NOT NULL, by_id TEXT NOT NULL, by_name TEXT NOT NULL, by_role TEXT NOT NULL,
        peer TEXT NOT NULL, street TEXT);
      CREATE INDEX task_event_task ON task_event (task_id, seq);
    `,
  },
  {
    version: 11,
    name: 'materials (物资): stock in lots by place, item, unit and expiry; the ledger of movements; thresholds; street requests and their history; the rights of roles that issue or answer tasks',
    up: `
      CREATE TABLE material_lot (place_key TEXT NOT NULL, item TEXT NOT NULL, unit TEXT NOT NULL, expiry TEXT NOT NULL,
        qty_milli INTEGER NOT NULL CHECK (qty_milli >= 0), PRIMARY KEY (place_key, item, unit, expiry));
      CREATE INDEX material_lot_item ON material_lot (item, unit);
      CREATE TABLE material_ledger (seq INTEGER PRIMARY KEY, movement_id TEXT NOT NULL, at INTEGER NOT NULL, kind TEXT NOT NULL,
        from_key TEXT, to_key TEXT, item TEXT NOT NULL, unit TEXT NOT NULL, qty_milli INTEGER NOT NULL CHECK (qty_milli > 0), expiry TEXT NOT NULL,
        reason TEXT NOT NULL, task_id TEXT, request_id TEXT, by_id TEXT, by_name TEXT, by_role TEXT,
        peer TEXT NOT NULL, street TEXT, from_balance_milli INTEGER, to_balance_milli INTEGER, demo INTEGER NOT NULL DEFAULT 0);
      CREATE INDEX material_ledger_from ON material_ledger (from_key, seq);
      CREATE INDEX material_ledger_to ON material_ledger (to_key, seq);
      CREATE INDEX material_ledger_item ON material_ledger (item, seq);
      CREATE INDEX material_ledger_request ON material_ledger (request_id, seq);
      CREATE INDEX material_ledger_task ON material_ledger (task_id, seq);
      CREATE TABLE material_threshold (item TEXT NOT NULL, unit TEXT NOT NULL, place_key TEXT NOT NULL, low_milli INTEGER NOT NULL,
        warn_days INTEGER NOT NULL, updated_at INTEGER NOT NULL, by_id TEXT NOT NULL, by_name TEXT NOT NULL, by_role TEXT NOT NULL,
        PRIMARY KEY (item, unit, place_key));
      CREATE TABLE material_request (id TEXT PRIMARY KEY, street TEXT NOT NULL, items_json TEXT NOT NULL, purpose TEXT NOT NULL,
        needed_by INTEGER, task_id TEXT, state TEXT NOT NULL, reason TEXT NOT NULL DEFAULT '', dispatched_from TEXT, received_into TEXT,
        requested_at INTEGER NOT NULL, requested_by_id TEXT NOT NULL, requested_by_name TEXT NOT NULL, requested_by_role TEXT NOT NULL,
        updated_at INTEGER NOT NULL);
      CREATE INDEX material_request_street ON material_request (street, requested_at);
      CREATE INDEX material_request_state ON material_request (state, requested_at);
      CREATE TABLE material_request_event (seq INTEGER PRIMARY KEY, request_id TEXT NOT NULL REFERENCES material_request(id), at INTEGER NOT NULL,
        from_state TEXT, to_state TEXT NOT NULL, text TEXT NOT NULL, by_id TEXT NOT NULL, by_name TEXT NOT NULL, by_role TEXT NOT NULL,
        peer TEXT NOT NULL, street TEXT);
      CREATE INDEX material_request_event_request ON material_request_event (request_id, seq);
      CREATE TABLE material_adopted (object_id TEXT PRIMARY KEY, at INTEGER NOT NULL);
      UPDATE auth_role SET rights = replace(rights, '"tasks.issue"', '"tasks.issue","materials.write","materials.approve"')
        WHERE rights LIKE '%"tasks.issue"%' AND rights NOT LIKE '%"materials.write"%';
      UPDATE auth_role SET rights = replace(rights, '"tasks.answer"', '"tasks.answer","materials.request"')
        WHERE rights LIKE '%"tasks.answer"%' AND rights NOT LIKE '%"materials.request"%';
    `,
  },
  {
    version: 12,
    name: 'teams (救援队伍): every status change of the rescue teams on the map (who, when, the task, the position), the current status of each; team status for the roles that issue tasks',
    up: `
      CREATE TABLE team_status_event (seq INTEGER PRIMARY KEY, team_id TEXT NOT NULL, at INTEGER NOT NULL, kind TEXT NOT NULL,
        from_status TEXT, status TEXT NOT NULL, task_id TEXT, lat REAL NOT NULL, lng REAL NOT NULL, name TEXT NOT NULL, street TEXT,
        professional INTEGER NOT NULL, people INTEGER NOT NULL, by_id TEXT, by_name TEXT, by_role TEXT, peer TEXT NOT NULL, note TEXT NOT NULL);
      CREATE INDEX team_status_event_team ON team_status_event (team_id, seq);
      CREATE INDEX team_status_event_at ON team_status_event (at, seq);
      CREATE TABLE team_state (team_id TEXT PRIMARY KEY, status TEXT NOT NULL, since INTEGER NOT NULL, task_id TEXT,
        lat REAL NOT NULL, lng REAL NOT NULL, name TEXT NOT NULL, street TEXT, professional INTEGER NOT NULL, people INTEGER NOT NULL,
        dispatched_at INTEGER, arrived_at INTEGER, returned_at INTEGER, removed INTEGER NOT NULL DEFAULT 0, updated_at INTEGER NOT NULL);
      CREATE INDEX team_state_task ON team_state (task_id);
      UPDATE auth_role SET rights = replace(rights, '"tasks.issue"', '"tasks.issue","teams.write"')
        WHERE rights LIKE '%"tasks.issue"%' AND rights NOT LIKE '%"teams.write"%';
    `,
  },
  {
    version: 13,
    name: 'information reporting (信息报送): every version (首报, 续报, 终报) of a report with its figures, and the reporting deadlines changed from the defaults',
    up: `
      CREATE TABLE report_version (report_id TEXT NOT NULL, seq INTEGER NOT NULL, kind TEXT NOT NULL, follow_up_no INTEGER NOT NULL,
        event_class TEXT NOT NULL, level TEXT NOT NULL, deaths INTEGER NOT NULL, injured INTEGER NOT NULL, missing INTEGER NOT NULL,
        trapped INTEGER NOT NULL, evacuated INTEGER NOT NULL, resettled INTEGER NOT NULL, households INTEGER NOT NULL, loss_wan REAL NOT NULL,
        cause TEXT NOT NULL, measures TEXT NOT NULL, text TEXT NOT NULL, unit TEXT NOT NULL, signer TEXT NOT NULL,
        submitted_at INTEGER NOT NULL, by_id TEXT NOT NULL, by_name TEXT NOT NULL, by_role TEXT NOT NULL, peer TEXT NOT NULL,
        PRIMARY KEY (report_id, seq));
      CREATE UNIQUE INDEX report_version_one_final ON report_version (report_id) WHERE kind = 'final';
      CREATE UNIQUE INDEX report_version_one_first ON report_version (report_id) WHERE kind = 'first';
      CREATE TABLE report_deadline (event_class TEXT NOT NULL, level TEXT NOT NULL, phone_min INTEGER NOT NULL, first_min INTEGER NOT NULL,
        follow_up_min INTEGER NOT NULL, final_hours INTEGER NOT NULL, updated_at INTEGER NOT NULL, by_id TEXT NOT NULL, by_name TEXT NOT NULL,
        PRIMARY KEY (event_class, level));
    `,
  },
];
