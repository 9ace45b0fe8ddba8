package org.fedoraproject.pdcupdater.sandbox.standin;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import com.sun.net.httpserver.HttpHandler;

/**
 * The four stand-ins loaded from one data set, with the paths they are normally mounted at. Start
 * them with {@code StandinServer.start(host, port, set.handlers())}; the matching client base URLs
 * are {@code uri("/fas/")}, {@code uri("/pkgdb/")}, {@code uri("/distgit/")} and
 * {@code uri("/mbs/") + "module-build-service/1/"}.
 */
public record StandinSet(FasStandin fas, PkgdbStandin pkgdb, DistGitStandin distGit, MbsStandin mbs) {

    public static final String FAS_PATH = "/fas/";
    public static final String PKGDB_PATH = "/pkgdb/";
    public static final String DISTGIT_PATH = "/distgit/";
    public static final String MBS_PATH = "/mbs/";

    /** The bundled data (consistent with the shared fixture messages). */
    public static StandinSet bundled() {
        return load(null);
    }

    /** Data files from {@code directory} where present there, else the bundled ones. */
    public static StandinSet load(Path directory) {
        return new StandinSet(FasStandin.load(directory), PkgdbStandin.load(directory),
                DistGitStandin.load(directory), MbsStandin.load(directory));
    }

    public Map<String, HttpHandler> handlers() {
        Map<String, HttpHandler> map = new LinkedHashMap<>();
        map.put(FAS_PATH, fas);
        map.put(PKGDB_PATH, pkgdb);
        map.put(DISTGIT_PATH, distGit);
        map.put(MBS_PATH, mbs);
        return map;
    }
}
