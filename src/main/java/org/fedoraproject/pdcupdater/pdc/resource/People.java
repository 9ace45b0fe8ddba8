package org.fedoraproject.pdcupdater.pdc.resource;

import org.fedoraproject.pdcupdater.pdc.ChangeComment;
import org.fedoraproject.pdcupdater.pdc.PdcClient;
import org.fedoraproject.pdcupdater.pdc.PdcOutcome;
import org.fedoraproject.pdcupdater.pdc.PdcResource;

import java.util.Optional;

/** {@code contacts/people/} (2.16; the old {@code persons/} route is gone); natural key {@code username}. */
public final class People extends ResourceFacade<People.Person> {

    public record Person(Integer id, String username, String email) {
    }

    public People(PdcClient pdc) {
        super(pdc, PdcResource.PEOPLE, Person.class);
    }

    public Optional<Person> findByUsername(String username) {
        return read(pdc.findOne(resource.path(), filter("username", username)));
    }

    /** Get-or-create; an existing person keeps their e-mail. */
    public Person ensure(String username, String email, ChangeComment comment) {
        return read(pdc.ensure(resource.path(), filter("username", username),
                filter("username", username, "email", email), comment));
    }

    /** Create, or PATCH the e-mail when it differs. */
    public PdcOutcome upsert(String username, String email, ChangeComment comment) {
        return pdc.upsertOutcome(resource.path(), filter("username", username),
                filter("username", username, "email", email), comment);
    }

    public boolean delete(int id, ChangeComment comment) {
        return pdc.delete(resource.path(), id, comment);
    }
}
