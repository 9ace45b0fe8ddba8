package org.fedoraproject.pdcupdater.handler.people;

import com.fasterxml.jackson.databind.JsonNode;
import org.fedoraproject.pdcupdater.fedmsg.FedmsgEnvelope;
import org.fedoraproject.pdcupdater.handler.InvalidMessageException;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a {@code fas.user.create} message says: the new account's username, and its e-mail when the message carries
 * one. FAS2 sent {@code {"user": "ralph", "agent": "ralph"}} (no e-mail: FAS kept it private); later account systems
 * sent the user as an object ({@code {"user": {"username": ..., "email": ...}}}); both are read here.
 *
 * @param username the FAS username (PDC's natural key for a person)
 * @param email    the e-mail the message gives, if any
 */
public record AccountCreated(String username, Optional<String> email) {

    /** PDC keeps at most 128 characters (contract 2.16); FAS names are lower-case letters and digits. */
    private static final Pattern USERNAME = Pattern.compile("[a-z_][a-z0-9_.-]{0,127}", Pattern.CASE_INSENSITIVE);

    public static AccountCreated from(FedmsgEnvelope message) {
        JsonNode user = message.msg().get("user");
        String username;
        String email = null;
        if (user != null && user.isTextual()) {
            username = user.textValue();
        } else if (user != null && user.isObject()) {
            username = text(user.get("username"));
            email = text(user.get("email"));
        } else {
            throw new InvalidMessageException(message.topic() + " " + message.msgId()
                    + ": msg.user is missing or neither a username nor an object with one");
        }
        if (email == null) {
            email = text(message.msg().get("email"));
        }
        if (username == null || !USERNAME.matcher(username).matches()) {
            throw new InvalidMessageException(message.topic() + " " + message.msgId()
                    + ": msg.user is not a FAS username: " + user);
        }
        return new AccountCreated(username, Optional.ofNullable(email).filter(e -> e.contains("@")));
    }

    private static String text(JsonNode node) {
        return node != null && node.isTextual() && !node.textValue().isBlank() ? node.textValue().strip() : null;
    }
}
