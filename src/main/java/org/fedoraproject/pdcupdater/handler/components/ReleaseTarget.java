package org.fedoraproject.pdcupdater.handler.components;

import org.fedoraproject.pdcupdater.pdc.resource.Releases.Release;

/**
 * An active PDC release that components are written to, with what a component takes from it.
 *
 * @param releaseId       e.g. {@code fedora-rawhide}, {@code epel-7}
 * @param distGitBranch   the branch the component's dist-git repository uses for this release: the release's own
 *                        {@code dist_git.branch} (pkgdb1 called rawhide's branch {@code devel}, while dist-git has
 *                        always called it {@code master}), else the pkgdb branch
 * @param bugzillaProduct the release's Bugzilla product, or null when bugs of this release are not filed there
 */
public record ReleaseTarget(String releaseId, String distGitBranch, String bugzillaProduct) {

    static ReleaseTarget of(Release release, String pkgdbBranch) {
        String branch = release.distGit() != null && release.distGit().branch() != null
                && !release.distGit().branch().isBlank() ? release.distGit().branch() : pkgdbBranch;
        String product = release.bugzilla() == null ? null : release.bugzilla().product();
        return new ReleaseTarget(release.releaseId(), branch, product == null || product.isBlank() ? null : product);
    }
}
