package dev.trustpack.argon2.importer;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import org.keycloak.models.RealmModel;

/**
 * What the records of one import file claim from each other: usernames, and emails where the realm keeps them
 * unique. The database sees these conflicts only once the earlier record is committed, which a dry run never does;
 * tracking them here gives the dry run and the real run the same answer, with the line of the earlier record.
 * Only records that were (or in a dry run would be) written are recorded, as a failed record claims nothing.
 */
final class FileConflicts {

    private final boolean uniqueEmails;
    private final boolean emailLogin;
    private final Map<String, Integer> usernames = new HashMap<>();
    private final Map<String, Integer> emails = new HashMap<>();

    FileConflicts(RealmModel realm) {
        this.uniqueEmails = !realm.isDuplicateEmailsAllowed();
        this.emailLogin = realm.isLoginWithEmailAllowed();
    }

    /** Why this record conflicts with an earlier one of the file, or null. */
    String check(ImportedUser user) {
        Integer line = usernames.get(key(user.username()));
        if (line != null) {
            return "duplicate username: also on line " + line;
        }
        if (uniqueEmails && user.email() != null) {
            line = emails.get(key(user.email()));
            if (line != null) {
                return "duplicate email: also on line " + line;
            }
            // Keycloak refuses an email that is another user's username when users may sign in with their email.
            line = emailLogin ? usernames.get(key(user.email())) : null;
            if (line != null) {
                return "email: is the username of line " + line;
            }
        }
        return null;
    }

    void record(ImportedUser user, int line) {
        usernames.putIfAbsent(key(user.username()), line);
        if (user.email() != null) {
            emails.putIfAbsent(key(user.email()), line);
        }
    }

    private static String key(String value) {
        return value.toLowerCase(Locale.ROOT);
    }
}
