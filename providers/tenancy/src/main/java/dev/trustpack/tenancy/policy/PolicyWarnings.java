package dev.trustpack.tenancy.policy;

import dev.trustpack.common.log.WarnOnce;
import org.jboss.logging.Logger;

/** Logs each stored policy value that does not validate once at WARN, not at every login that reads it. */
public final class PolicyWarnings {

    private static final Logger LOG = Logger.getLogger(PolicyWarnings.class);

    private final WarnOnce once = new WarnOnce(10_000);

    void report(String realmName, String levelName, PolicyProblem problem) {
        if (once.first(realmName + '\u0000' + levelName + '\u0000' + problem.attribute() + '\u0000' + problem.stored())) {
            LOG.warnf("Trustpack policy of %s in realm '%s': attribute '%s' = '%s': %s. Fix it with PUT on the policy "
                    + "endpoint (docs/tenancy.md).", levelName, realmName, PolicyJson.shorten(problem.attribute()),
                    problem.stored(), problem.message());
        }
    }
}
