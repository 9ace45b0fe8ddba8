/**
 * A Koji hub stand-in that answers real XML-RPC over HTTP from an in-memory model, so handlers,
 * audits and benchmarks run against Koji's wire format without Fedora's hub.
 *
 * <p>Start it with {@code KojiStandin.startBundled(host, port)} (the bundled
 * {@code sandbox/koji/koji-data.json}, consistent with the shared fedmsg fixtures),
 * {@code KojiStandin.start(host, port, Path)} (a data file of the same format, see
 * {@code KojiDataFile}) or {@code KojiStandin.start(host, port, KojiData)} (a model built in code,
 * e.g. 20,000 generated builds). The returned {@code KojiStandinServer} is AutoCloseable and
 * tells its {@code uri()}, e.g. {@code http://127.0.0.1:41234/kojihub}. {@code KojiStandin} itself
 * is an {@code HttpHandler}, to mount at {@code /kojihub} in another server.
 *
 * <p>Methods: getBuild, getRPM, listRPMs, listTagged, getTag, getRPMDeps, getAPIVersion,
 * system.listMethods, and multicall as {@code system.multicall} or {@code multiCall}. Anything
 * else is Koji's "Invalid method" GenericError fault.
 */
package org.fedoraproject.pdcupdater.sandbox.koji;
