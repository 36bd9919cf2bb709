package dev.trustpack.argon2.login;

import java.util.List;

import dev.trustpack.argon2.hash.Argon2idPasswordHashProviderFactory;
import dev.trustpack.tenancy.login.LoginFact;
import dev.trustpack.tenancy.login.LoginFactContext;
import dev.trustpack.tenancy.login.LoginFactProviderFactory;

/** The login footer says passwords are stored with Argon2id only where the realm's password policy hashes with it. */
public final class Argon2LoginFacts extends LoginFactProviderFactory {

    public static final String MESSAGE = "trustpackFactArgon2";

    public Argon2LoginFacts() {
        super("trustpack-argon2");
    }

    @Override
    protected List<LoginFact> facts(LoginFactContext context) {
        boolean argon2 = Argon2idPasswordHashProviderFactory.ID.equals(context.realm().getPasswordPolicy().getHashAlgorithm());
        return argon2 ? List.of(LoginFact.of(MESSAGE)) : List.of();
    }
}
