package org.fedoraproject.pdcupdater.handler.people;

import org.fedoraproject.pdcupdater.audit.AuditReport;
import org.fedoraproject.pdcupdater.audit.Difference;
import org.fedoraproject.pdcupdater.fedmsg.FedmsgEnvelope;
import org.fedoraproject.pdcupdater.handler.AuditRequest;
import org.fedoraproject.pdcupdater.handler.Handler;
import org.fedoraproject.pdcupdater.handler.InitializeResult;
import org.fedoraproject.pdcupdater.handler.InvalidMessageException;
import org.fedoraproject.pdcupdater.handler.Progress;
import org.fedoraproject.pdcupdater.pdc.ChangeComment;
import org.fedoraproject.pdcupdater.pdc.PdcOutcome;
import org.fedoraproject.pdcupdater.pdc.resource.Pdc;
import org.fedoraproject.pdcupdater.pdc.resource.People.Person;
import org.fedoraproject.pdcupdater.source.fas.FasClient;
import org.fedoraproject.pdcupdater.source.fas.FasPerson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * FAS accounts → PDC {@code contacts/people/} (the Python {@code NewPersonHandler}).
 *
 * <ul>
 *   <li>handle {@code fas.user.create}: the person is ensured by username. A person PDC already has is left as it
 *       is (a replayed old message must not undo a later e-mail change; the audit repairs e-mails), so a second
 *       handling reads and writes nothing else. The e-mail comes from the message or, since FAS2 never put it
 *       there, from FAS.</li>
 *   <li>audit: every FAS account against every PDC person: absent from PDC, absent from FAS, e-mail different.
 *       Repair creates the missing and fixes e-mails; it never deletes a person FAS lacks (an account renamed or
 *       removed in FAS may still be named by PDC data such as component contacts), it only reports them.</li>
 *   <li>initialize: bulk-creates the people PDC lacks.</li>
 * </ul>
 * Memory: the audit holds PDC's people once (username → e-mail) and streams FAS one search slice at a time.
 */
public final class PeopleHandler implements Handler {

    private static final Logger LOG = LoggerFactory.getLogger(PeopleHandler.class);
    public static final String NAME = "people";

    private final Pdc pdc;
    private final FasClient fas;

    public PeopleHandler(Pdc pdc, FasClient fas) {
        this.pdc = pdc;
        this.fas = fas;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void handle(FedmsgEnvelope message) {
        AccountCreated account = AccountCreated.from(message);
        if (pdc.people().findByUsername(account.username()).isPresent()) {
            LOG.debug("{}: PDC already has person {}", message.msgId(), account.username());
            return;
        }
        String email = account.email().orElseGet(() -> fas.personByUsername(account.username())
                .map(PersonEmails::of)
                .orElseThrow(() -> new InvalidMessageException(message.topic() + " " + message.msgId()
                        + ": FAS has no account " + account.username() + " and the message gives no e-mail")));
        PdcOutcome outcome = pdc.client().ensureOutcome(MissingPeople.RESOURCE, Map.of("username", account.username()),
                Map.of("username", account.username(), "email", email),
                ChangeComment.forMessage(message.msgId(), message.topic()));
        LOG.info("{}: person {} {}", message.msgId(), account.username(),
                outcome.kind() == PdcOutcome.Kind.CREATED ? "created" : "already existed");
    }

    @Override
    public AuditReport audit(AuditRequest request) {
        AuditReport report = new AuditReport(NAME, request.keep());
        ChangeComment comment = ChangeComment.of("pdc-updater audit repair: " + NAME + " from FAS");
        MissingPeople missing = new MissingPeople(pdc.client(), comment);
        Map<String, Person> inPdc = new HashMap<>();
        try (Stream<Person> people = pdc.people().stream(Map.of())) {
            people.forEach(p -> inPdc.put(p.username(), p));
        }
        long compared = 0;
        long fixedEmails = 0;
        try (Stream<FasPerson> accounts = fas.people()) {
            for (Iterator<FasPerson> it = accounts.iterator(); it.hasNext(); ) {
                FasPerson account = it.next();
                compared++;
                request.progress().advance(1);
                String email = PersonEmails.of(account);
                Person person = inPdc.remove(account.username());
                if (person == null) {
                    report.accept(Difference.absentFromPdc(account.username(), email));
                    if (request.repair()) {
                        missing.add(account.username(), email);
                    }
                } else if (!email.equals(person.email())) {
                    report.accept(Difference.different(account.username(), email, person.email()));
                    if (request.repair()) {
                        pdc.client().patch(MissingPeople.RESOURCE, person.id(), Map.of("email", email), comment);
                        fixedEmails++;
                    }
                }
            }
        }
        long created = missing.flush();
        // Left over: people FAS does not have. Reported in name order, never deleted (see the class comment).
        new TreeMap<>(inPdc).forEach((username, person) ->
                report.accept(Difference.absentFromSource(username, person.email())));
        compared += inPdc.size();
        if (request.repair()) {
            LOG.info("people audit repair: {} created, {} e-mails fixed, {} PDC people FAS lacks left alone",
                    created, fixedEmails, inPdc.size());
        }
        return report.finish(compared);
    }

    @Override
    public InitializeResult initialize(Progress progress) {
        Set<String> inPdc = new HashSet<>();
        try (Stream<Person> people = pdc.people().stream(Map.of())) {
            people.forEach(p -> inPdc.add(p.username()));
        }
        MissingPeople missing = new MissingPeople(pdc.client(),
                ChangeComment.of("pdc-updater initialize: " + NAME + " from FAS"));
        long examined = 0;
        try (Stream<FasPerson> accounts = fas.people()) {
            for (Iterator<FasPerson> it = accounts.iterator(); it.hasNext(); ) {
                FasPerson account = it.next();
                examined++;
                progress.advance(1);
                if (!inPdc.contains(account.username())) {
                    missing.add(account.username(), PersonEmails.of(account));
                }
            }
        }
        long written = missing.flush();
        LOG.info("people initialize: {} FAS accounts, {} people created", examined, written);
        return new InitializeResult(NAME, examined, written);
    }
}
