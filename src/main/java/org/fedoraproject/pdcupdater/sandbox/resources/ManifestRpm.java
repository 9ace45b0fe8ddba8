package org.fedoraproject.pdcupdater.sandbox.resources;

/**
 * One entry of a productmd rpms manifest: {@code payload.rpms.<variant>.<arch>.<srpmKey>.<rpm> = {path, sigkey,
 * category}}, with the path split into directory and file name (paths/ rows are shared by directory).
 */
record ManifestRpm(String variant, String arch, String srpmKey, String srpmName, Nevra rpm, String dir, String filename,
                   String sigkey, String category) {
}
