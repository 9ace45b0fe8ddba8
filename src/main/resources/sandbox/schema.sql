-- PDC sandbox schema. Idempotent (IF NOT EXISTS) so a file database survives restarts without a migration
-- tool. One table per resource; JSON text where nested data is only echoed back, real tables where filters
-- or references need them.

-- Reference data that PDC seeds by migration (no API creates it, except arches).
CREATE TABLE IF NOT EXISTS arches (id BIGINT AUTO_INCREMENT PRIMARY KEY, name VARCHAR(50) NOT NULL UNIQUE);
CREATE TABLE IF NOT EXISTS release_types (id BIGINT AUTO_INCREMENT PRIMARY KEY, short VARCHAR(255) NOT NULL UNIQUE,
    name VARCHAR(255) NOT NULL, suffix VARCHAR(255) NOT NULL);
CREATE TABLE IF NOT EXISTS release_component_types (id BIGINT AUTO_INCREMENT PRIMARY KEY,
    name VARCHAR(100) NOT NULL UNIQUE, has_osbs BOOLEAN DEFAULT FALSE NOT NULL);
CREATE TABLE IF NOT EXISTS compose_types (id BIGINT AUTO_INCREMENT PRIMARY KEY, name VARCHAR(255) NOT NULL UNIQUE);
CREATE TABLE IF NOT EXISTS variant_types (id BIGINT AUTO_INCREMENT PRIMARY KEY, name VARCHAR(255) NOT NULL UNIQUE);
CREATE TABLE IF NOT EXISTS content_categories (id BIGINT AUTO_INCREMENT PRIMARY KEY, name VARCHAR(255) NOT NULL UNIQUE);
CREATE TABLE IF NOT EXISTS acceptance_states (id BIGINT AUTO_INCREMENT PRIMARY KEY, name VARCHAR(255) NOT NULL UNIQUE);
CREATE TABLE IF NOT EXISTS image_formats (id BIGINT AUTO_INCREMENT PRIMARY KEY, name VARCHAR(255) NOT NULL UNIQUE);
CREATE TABLE IF NOT EXISTS image_types (id BIGINT AUTO_INCREMENT PRIMARY KEY, name VARCHAR(255) NOT NULL UNIQUE);
CREATE TABLE IF NOT EXISTS sigkeys (id BIGINT AUTO_INCREMENT PRIMARY KEY, key_id VARCHAR(20) NOT NULL UNIQUE);
CREATE TABLE IF NOT EXISTS paths (id BIGINT AUTO_INCREMENT PRIMARY KEY, path VARCHAR(4096) NOT NULL);
CREATE INDEX IF NOT EXISTS paths_path ON paths(path);

CREATE TABLE IF NOT EXISTS releases (
    id BIGINT AUTO_INCREMENT PRIMARY KEY,
    release_id VARCHAR(200) NOT NULL UNIQUE,
    short VARCHAR(200) NOT NULL,
    version VARCHAR(200) NOT NULL,
    version_sort VARCHAR(600) NOT NULL,
    name VARCHAR(255) NOT NULL,
    release_type_id BIGINT NOT NULL REFERENCES release_types(id),
    base_product VARCHAR(200),
    product_version VARCHAR(200),
    active BOOLEAN NOT NULL,
    integrated_with VARCHAR(200),
    sigkey VARCHAR(20),
    allow_buildroot_push BOOLEAN NOT NULL,
    allowed_debuginfo_services VARCHAR NOT NULL,
    allowed_push_targets VARCHAR NOT NULL,
    bugzilla_product VARCHAR(200),
    dist_git_branch VARCHAR(200));

CREATE TABLE IF NOT EXISTS global_components (
    id BIGINT AUTO_INCREMENT PRIMARY KEY,
    name VARCHAR(200) NOT NULL UNIQUE,
    dist_git_path VARCHAR(200),
    upstream_homepage VARCHAR(255),
    upstream_scm_type VARCHAR(50),
    upstream_scm_url VARCHAR(255));

CREATE TABLE IF NOT EXISTS bugzilla_components (
    id BIGINT AUTO_INCREMENT PRIMARY KEY,
    name VARCHAR(100) NOT NULL,
    parent_id BIGINT REFERENCES bugzilla_components(id) ON DELETE CASCADE);
CREATE INDEX IF NOT EXISTS bugzilla_components_name ON bugzilla_components(name, parent_id);

CREATE TABLE IF NOT EXISTS release_components (
    id BIGINT AUTO_INCREMENT PRIMARY KEY,
    release_pk BIGINT NOT NULL REFERENCES releases(id),
    global_component_pk BIGINT NOT NULL REFERENCES global_components(id),
    name VARCHAR(200) NOT NULL,
    type_pk BIGINT NOT NULL REFERENCES release_component_types(id),
    dist_git_branch VARCHAR(300),
    brew_package VARCHAR(200),
    active BOOLEAN NOT NULL,
    bugzilla_component_pk BIGINT REFERENCES bugzilla_components(id) ON DELETE SET NULL,
    srpm_name VARCHAR(200),
    UNIQUE (release_pk, name, type_pk));
CREATE INDEX IF NOT EXISTS release_components_name ON release_components(name);
CREATE INDEX IF NOT EXISTS release_components_gc ON release_components(global_component_pk);

CREATE TABLE IF NOT EXISTS group_types (
    id BIGINT AUTO_INCREMENT PRIMARY KEY, name VARCHAR(255) NOT NULL UNIQUE, description VARCHAR NOT NULL);
CREATE TABLE IF NOT EXISTS component_groups (
    id BIGINT AUTO_INCREMENT PRIMARY KEY,
    group_type_pk BIGINT NOT NULL REFERENCES group_types(id),
    release_pk BIGINT NOT NULL REFERENCES releases(id),
    description VARCHAR(200) NOT NULL,
    UNIQUE (group_type_pk, release_pk, description));
CREATE TABLE IF NOT EXISTS component_group_members (
    group_pk BIGINT NOT NULL REFERENCES component_groups(id) ON DELETE CASCADE,
    component_pk BIGINT NOT NULL REFERENCES release_components(id) ON DELETE CASCADE,
    PRIMARY KEY (group_pk, component_pk));

CREATE TABLE IF NOT EXISTS relationship_types (
    id BIGINT AUTO_INCREMENT PRIMARY KEY, name VARCHAR(100) NOT NULL UNIQUE);
CREATE TABLE IF NOT EXISTS component_relationships (
    id BIGINT AUTO_INCREMENT PRIMARY KEY,
    type_pk BIGINT NOT NULL REFERENCES relationship_types(id),
    from_pk BIGINT NOT NULL REFERENCES release_components(id) ON DELETE CASCADE,
    to_pk BIGINT NOT NULL REFERENCES release_components(id) ON DELETE CASCADE,
    UNIQUE (type_pk, from_pk, to_pk));

CREATE TABLE IF NOT EXISTS slas (
    id BIGINT AUTO_INCREMENT PRIMARY KEY, name VARCHAR(300) NOT NULL UNIQUE, description VARCHAR NOT NULL);
CREATE TABLE IF NOT EXISTS component_branches (
    id BIGINT AUTO_INCREMENT PRIMARY KEY,
    global_component_pk BIGINT NOT NULL REFERENCES global_components(id),
    name VARCHAR(300) NOT NULL,
    type_pk BIGINT NOT NULL REFERENCES release_component_types(id),
    critical_path BOOLEAN NOT NULL,
    UNIQUE (global_component_pk, name, type_pk));
CREATE TABLE IF NOT EXISTS branch_slas (
    id BIGINT AUTO_INCREMENT PRIMARY KEY,
    sla_pk BIGINT NOT NULL REFERENCES slas(id),
    branch_pk BIGINT NOT NULL REFERENCES component_branches(id) ON DELETE CASCADE,
    eol DATE NOT NULL,
    UNIQUE (sla_pk, branch_pk));

CREATE TABLE IF NOT EXISTS people (
    id BIGINT AUTO_INCREMENT PRIMARY KEY, username VARCHAR(128) NOT NULL UNIQUE, email VARCHAR(254) NOT NULL);

CREATE TABLE IF NOT EXISTS rpms (
    id BIGINT AUTO_INCREMENT PRIMARY KEY,
    name VARCHAR(200) NOT NULL,
    epoch INT NOT NULL,
    version VARCHAR(200) NOT NULL,
    release VARCHAR(200) NOT NULL,
    arch VARCHAR(200) NOT NULL,
    srpm_name VARCHAR(200) NOT NULL,
    srpm_nevra VARCHAR(200),
    filename VARCHAR(4096) NOT NULL,
    built_for_release_pk BIGINT REFERENCES releases(id),
    srpm_commit_hash VARCHAR(200),
    srpm_commit_branch VARCHAR(200),
    dependencies VARCHAR,
    UNIQUE (name, epoch, version, release, arch));
CREATE INDEX IF NOT EXISTS rpms_srpm_name ON rpms(srpm_name);
CREATE INDEX IF NOT EXISTS rpms_filename ON rpms(filename);
CREATE TABLE IF NOT EXISTS rpm_linked_releases (
    rpm_pk BIGINT NOT NULL REFERENCES rpms(id) ON DELETE CASCADE,
    release_pk BIGINT NOT NULL REFERENCES releases(id),
    PRIMARY KEY (rpm_pk, release_pk));
-- One row per dependency so provides/requires/... filters can use SQL.
CREATE TABLE IF NOT EXISTS rpm_dependencies (
    rpm_pk BIGINT NOT NULL REFERENCES rpms(id) ON DELETE CASCADE,
    kind VARCHAR(20) NOT NULL,
    name VARCHAR(4096) NOT NULL,
    op VARCHAR(4),
    version VARCHAR(200));
CREATE INDEX IF NOT EXISTS rpm_dependencies_kind_name ON rpm_dependencies(kind, name);
CREATE INDEX IF NOT EXISTS rpm_dependencies_rpm ON rpm_dependencies(rpm_pk);

CREATE TABLE IF NOT EXISTS composes (
    id BIGINT AUTO_INCREMENT PRIMARY KEY,
    compose_id VARCHAR(200) NOT NULL UNIQUE,
    release_pk BIGINT NOT NULL REFERENCES releases(id),
    compose_date DATE NOT NULL,
    compose_type_pk BIGINT NOT NULL REFERENCES compose_types(id),
    compose_respin INT NOT NULL,
    compose_label VARCHAR(200),
    deleted BOOLEAN NOT NULL,
    acceptance_pk BIGINT NOT NULL REFERENCES acceptance_states(id),
    rtt_tested_architectures VARCHAR NOT NULL);
CREATE TABLE IF NOT EXISTS compose_linked_releases (
    compose_pk BIGINT NOT NULL REFERENCES composes(id) ON DELETE CASCADE,
    release_pk BIGINT NOT NULL REFERENCES releases(id),
    PRIMARY KEY (compose_pk, release_pk));
CREATE TABLE IF NOT EXISTS variants (
    id BIGINT AUTO_INCREMENT PRIMARY KEY,
    compose_pk BIGINT NOT NULL REFERENCES composes(id) ON DELETE CASCADE,
    variant_id VARCHAR(255) NOT NULL,
    variant_uid VARCHAR(255) NOT NULL,
    variant_name VARCHAR(255) NOT NULL,
    variant_type_pk BIGINT NOT NULL REFERENCES variant_types(id),
    UNIQUE (compose_pk, variant_uid));
CREATE TABLE IF NOT EXISTS variant_arches (
    id BIGINT AUTO_INCREMENT PRIMARY KEY,
    variant_pk BIGINT NOT NULL REFERENCES variants(id) ON DELETE CASCADE,
    arch_pk BIGINT NOT NULL REFERENCES arches(id),
    UNIQUE (variant_pk, arch_pk));
CREATE TABLE IF NOT EXISTS compose_rel_paths (
    variant_pk BIGINT NOT NULL REFERENCES variants(id) ON DELETE CASCADE,
    arch_pk BIGINT NOT NULL REFERENCES arches(id),
    path_type VARCHAR(255) NOT NULL,
    path VARCHAR(4096) NOT NULL,
    PRIMARY KEY (variant_pk, arch_pk, path_type));
-- A compose has a row here per RPM per variant/arch: a million rows for one Fedora compose, written by the
-- compose-rpms import, and H2 writes each row into every index of the table, and again at commit. So the table has
-- the primary key, the index on rpm_pk (which its foreign key uses) and nothing else: no foreign keys on the
-- variant/arch, category, sigkey and path ids, each of which would bring an index of its own (H2 does not let a
-- foreign key use the primary key's). Those ids come from the importer's own look-ups, and the only deletes of
-- such rows (a discarded import, PendingImports) delete the compose's links first. Databases made before get the
-- same layout from ComposeRpmsLayout.
CREATE TABLE IF NOT EXISTS compose_rpms (
    variant_arch_pk BIGINT NOT NULL,
    rpm_pk BIGINT NOT NULL,
    content_category_pk BIGINT NOT NULL,
    sigkey_pk BIGINT,
    path_pk BIGINT NOT NULL,
    PRIMARY KEY (variant_arch_pk, rpm_pk));
CREATE INDEX IF NOT EXISTS compose_rpms_rpm ON compose_rpms(rpm_pk);
ALTER TABLE compose_rpms ADD CONSTRAINT IF NOT EXISTS compose_rpms_rpm_fk FOREIGN KEY (rpm_pk) REFERENCES rpms(id);
-- Scratch space for streaming rpms-manifest imports; rows live only inside the importing transaction.
CREATE TABLE IF NOT EXISTS import_rpm_stage (
    import_id BIGINT NOT NULL,
    variant_uid VARCHAR(255) NOT NULL,
    arch VARCHAR(50) NOT NULL,
    srpm_nevra VARCHAR(600) NOT NULL,
    name VARCHAR(200) NOT NULL,
    epoch INT NOT NULL,
    version VARCHAR(200) NOT NULL,
    release VARCHAR(200) NOT NULL,
    rpm_arch VARCHAR(200) NOT NULL,
    srpm_name VARCHAR(200) NOT NULL,
    filename VARCHAR(4096) NOT NULL,
    dir VARCHAR(4096) NOT NULL,
    sigkey VARCHAR(20),
    category VARCHAR(50) NOT NULL,
    variant_arch_pk BIGINT);
CREATE INDEX IF NOT EXISTS import_rpm_stage_id ON import_rpm_stage(import_id, variant_uid, arch);
CREATE SEQUENCE IF NOT EXISTS import_ids;
-- compose-rpms imports commit in batches (a single transaction of a million rows is slow to commit in H2 and
-- holds its undo in memory) yet stay all-or-nothing for readers: rows an import creates carry its id, and readers
-- skip ids listed here. The import's last, short transaction deletes its id from this table; a failed import
-- deletes its rows, and startup sweeps the rows of an import a crash left pending. The floors are the highest
-- sigkeys and paths ids before the import: rows above them are the ones it added (writes are serialised).
CREATE TABLE IF NOT EXISTS pending_imports (id BIGINT PRIMARY KEY, compose_pk BIGINT NOT NULL,
    sigkey_floor BIGINT NOT NULL, path_floor BIGINT NOT NULL);
ALTER TABLE composes ADD COLUMN IF NOT EXISTS import_pk BIGINT;
ALTER TABLE rpms ADD COLUMN IF NOT EXISTS import_pk BIGINT;
ALTER TABLE compose_rpms ADD COLUMN IF NOT EXISTS import_pk BIGINT;

CREATE TABLE IF NOT EXISTS images (
    id BIGINT AUTO_INCREMENT PRIMARY KEY,
    file_name VARCHAR(200) NOT NULL,
    image_format_pk BIGINT NOT NULL REFERENCES image_formats(id),
    image_type_pk BIGINT NOT NULL REFERENCES image_types(id),
    disc_number INT NOT NULL,
    disc_count INT NOT NULL,
    arch VARCHAR(200) NOT NULL,
    mtime BIGINT NOT NULL,
    size BIGINT NOT NULL,
    bootable BOOLEAN NOT NULL,
    implant_md5 VARCHAR(32),
    volume_id VARCHAR(32),
    md5 VARCHAR(32),
    sha1 VARCHAR(40),
    sha256 VARCHAR(64) NOT NULL,
    subvariant VARCHAR(4096),
    UNIQUE (file_name, sha256));
CREATE TABLE IF NOT EXISTS compose_images (
    variant_arch_pk BIGINT NOT NULL REFERENCES variant_arches(id) ON DELETE CASCADE,
    image_pk BIGINT NOT NULL REFERENCES images(id),
    path_pk BIGINT NOT NULL REFERENCES paths(id),
    PRIMARY KEY (variant_arch_pk, image_pk, path_pk));

CREATE TABLE IF NOT EXISTS modules (
    id BIGINT AUTO_INCREMENT PRIMARY KEY,
    uid VARCHAR(200) NOT NULL UNIQUE,
    name VARCHAR(300) NOT NULL,
    stream VARCHAR(300) NOT NULL,
    version VARCHAR(300) NOT NULL,
    context VARCHAR(300) NOT NULL,
    koji_tag VARCHAR(300) NOT NULL,
    modulemd CHARACTER LARGE OBJECT NOT NULL,
    active BOOLEAN NOT NULL,
    UNIQUE (name, stream, version, context));
CREATE TABLE IF NOT EXISTS module_deps (
    module_pk BIGINT NOT NULL REFERENCES modules(id) ON DELETE CASCADE,
    kind VARCHAR(10) NOT NULL,
    dependency VARCHAR(300) NOT NULL,
    stream VARCHAR(300) NOT NULL);
CREATE TABLE IF NOT EXISTS module_rpms (
    module_pk BIGINT NOT NULL REFERENCES modules(id) ON DELETE CASCADE,
    rpm_pk BIGINT NOT NULL REFERENCES rpms(id),
    PRIMARY KEY (module_pk, rpm_pk));

CREATE TABLE IF NOT EXISTS changesets (
    id BIGINT AUTO_INCREMENT PRIMARY KEY,
    author VARCHAR(150),
    requested_on TIMESTAMP(6) NOT NULL,
    committed_on TIMESTAMP(6) NOT NULL,
    comment VARCHAR);
CREATE TABLE IF NOT EXISTS changes (
    id BIGINT AUTO_INCREMENT PRIMARY KEY,
    changeset_pk BIGINT NOT NULL REFERENCES changesets(id) ON DELETE CASCADE,
    resource VARCHAR(200) NOT NULL,
    resource_id VARCHAR(200) NOT NULL,
    old_value CHARACTER LARGE OBJECT NOT NULL,
    new_value CHARACTER LARGE OBJECT NOT NULL);
CREATE INDEX IF NOT EXISTS changes_changeset ON changes(changeset_pk);
CREATE INDEX IF NOT EXISTS changes_resource ON changes(resource);
