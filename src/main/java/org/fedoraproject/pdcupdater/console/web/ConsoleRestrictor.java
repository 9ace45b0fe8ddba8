package org.fedoraproject.pdcupdater.console.web;

import java.util.function.Predicate;

import javax.management.ObjectName;
import javax.security.auth.Subject;

import io.hawt.system.security.LegacySubjectAccess;
import io.hawt.system.security.ModernSubjectAccess;
import io.hawt.system.security.SubjectAccess;
import org.fedoraproject.pdcupdater.console.auth.ConsoleRole;
import org.jolokia.server.core.service.api.Restrictor;
import org.jolokia.server.core.util.HttpMethod;
import org.jolokia.server.core.util.RequestType;

/**
 * What a Jolokia request may do: first the access policy ({@code config/jolokia-access.xml}: MBeans and attributes
 * nobody reads, MBeans hidden from the tree), then the caller's role, then where the request comes from.
 *
 * <ul>
 *   <li>{@code admin}: everything the policy allows.</li>
 *   <li>{@code viewer}: reads, plus the operations of {@link ReadOnlyOperations} that only report (the Camel plugin
 *       draws routes from them); no other operation and no attribute write.</li>
 *   <li>Browser origin: a request must say where it comes from (Origin, or Referer) and that must be the console
 *       itself or a configured origin, so another web page open in the operator's browser cannot call Jolokia with
 *       the operator's session (CSRF) or read its answers (CORS).</li>
 * </ul>
 *
 * <p>The caller's roles come from the JAAS {@link Subject} that Hawtio's AuthenticationFilter runs the request
 * under. With authentication off (only allowed on a loopback address) the caller is whoever can log into this
 * machine, and is treated as admin.
 */
public class ConsoleRestrictor implements Restrictor {

    private final Restrictor policy;
    private final boolean authenticationRequired;
    private final Predicate<String> originAllowed;
    private final SubjectAccess subjects = subjectAccess();

    public ConsoleRestrictor(Restrictor policy, boolean authenticationRequired, Predicate<String> originAllowed) {
        this.policy = policy;
        this.authenticationRequired = authenticationRequired;
        this.originAllowed = originAllowed;
    }

    private static SubjectAccess subjectAccess() {
        try {
            return new ModernSubjectAccess();
        } catch (UnsupportedOperationException e) {
            return new LegacySubjectAccess();
        }
    }

    boolean isAdmin() {
        if (!authenticationRequired) {
            return true;
        }
        Subject subject = subjects.currentSubject();
        return ConsoleRole.has(subject, ConsoleRole.ADMIN);
    }

    @Override
    public boolean isOperationAllowed(ObjectName name, String operation) {
        return policy.isOperationAllowed(name, operation)
                && (isAdmin() || ReadOnlyOperations.isReadOnly(name, operation));
    }

    @Override
    public boolean isAttributeWriteAllowed(ObjectName name, String attribute) {
        return policy.isAttributeWriteAllowed(name, attribute) && isAdmin();
    }

    @Override
    public boolean isAttributeReadAllowed(ObjectName name, String attribute) {
        return policy.isAttributeReadAllowed(name, attribute);
    }

    @Override
    public boolean isHttpMethodAllowed(HttpMethod method) {
        return policy.isHttpMethodAllowed(method);
    }

    @Override
    public boolean isTypeAllowed(RequestType type) {
        return policy.isTypeAllowed(type);
    }

    @Override
    public boolean isRemoteAccessAllowed(String... hostOrAddress) {
        return policy.isRemoteAccessAllowed(hostOrAddress);
    }

    /**
     * {@code strict} is Jolokia's question "may this request run?" (asked with the Origin, or the Referer's origin,
     * of every request): a request without either is refused. Without {@code strict} it asks which origin the CORS
     * headers may name: only the allowed ones, never a wildcard.
     */
    @Override
    public boolean isOriginAllowed(String origin, boolean strict) {
        if (origin == null || origin.isBlank() || "null".equals(origin)) {
            return !strict && origin == null;
        }
        return originAllowed.test(origin) && policy.isOriginAllowed(origin, strict);
    }

    @Override
    public boolean isObjectNameHidden(ObjectName name) {
        return policy.isObjectNameHidden(name);
    }

    @Override
    public boolean ignoreScheme() {
        return policy.ignoreScheme();
    }
}
