package org.fedoraproject.pdcupdater.pdc.resource;

import org.fedoraproject.pdcupdater.pdc.PdcClient;
import org.fedoraproject.pdcupdater.pdc.PdcResource;

import java.util.List;

/** {@code images/} (2.18): read only; images come in through compose imports ({@link Composes#importImages}). */
public final class Images extends ResourceFacade<Images.Image> {

    public record Image(String fileName, String imageFormat, String imageType, Integer discNumber, Integer discCount,
                        String arch, Long mtime, Long size, Boolean bootable, String implantMd5, String volumeId,
                        String md5, String sha1, String sha256, String subvariant, List<String> composes) {
    }

    public Images(PdcClient pdc) {
        super(pdc, PdcResource.IMAGES, Image.class);
    }

    public List<Image> ofCompose(String composeId) {
        return list(filter("compose", composeId));
    }
}
