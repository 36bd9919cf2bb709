package dev.trustpack.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("The alias index answers only what a lookup by alias would answer now")
class TenantAliasIndexTest {

    /** An organization store: id → alias, with a count of the queries by alias. */
    private final Map<String, String> aliasById = new HashMap<>();
    private final AtomicInteger queries = new AtomicInteger();
    private TenantAliasIndex index;

    @BeforeEach
    void given() {
        index = new TenantAliasIndex();
        aliasById.put("id-acme", "acme");
        aliasById.put("id-globex", "globex");
    }

    private Optional<String> lookUp(String realm, String alias) {
        return index.find(realm, alias, id -> aliasById.containsKey(id) ? id : null, aliasById::get, id -> id,
                wanted -> {
                    queries.incrementAndGet();
                    return aliasById.entrySet().stream().filter(entry -> entry.getValue().equals(wanted))
                            .map(Map.Entry::getKey).findFirst().orElse(null);
                });
    }

    @Nested
    @DisplayName("given an alias looked up once")
    class Repeated {

        @Test
        @DisplayName("when it is looked up again, then the answer comes by id, without a query")
        void secondLookupUsesTheId() {
            assertThat(lookUp("realm", "acme")).contains("id-acme");
            assertThat(lookUp("realm", "acme")).contains("id-acme");
            assertThat(queries).hasValue(1);
        }

        @Test
        @DisplayName("when the organization was renamed, then the old alias finds nothing and the new one finds it")
        void renamedOrganization() {
            lookUp("realm", "acme");
            aliasById.put("id-acme", "acme-corp");
            assertThat(lookUp("realm", "acme")).isEmpty();
            assertThat(lookUp("realm", "acme-corp")).contains("id-acme");
        }

        @Test
        @DisplayName("when the organization was deleted and another took its alias, then the other one is found")
        void aliasTakenOver() {
            lookUp("realm", "acme");
            aliasById.remove("id-acme");
            aliasById.put("id-new", "acme");
            assertThat(lookUp("realm", "acme")).contains("id-new");
        }

        @Test
        @DisplayName("when another realm asks for the same alias, then it gets its own query")
        void realmsAreSeparate() {
            lookUp("realm", "acme");
            lookUp("other", "acme");
            assertThat(queries).hasValue(2);
        }
    }

    @Nested
    @DisplayName("given an alias that names nothing")
    class Unknown {

        @Test
        @DisplayName("when it is looked up, then nothing is found and nothing is kept")
        void nothingKept() {
            assertThat(lookUp("realm", "nobody")).isEmpty();
            assertThat(lookUp("realm", "nobody")).isEmpty();
            assertThat(queries).hasValue(2);
            assertThat(index.size()).isZero();
        }
    }

    @Nested
    @DisplayName("given more aliases than the index keeps")
    class Bounded {

        @Test
        @DisplayName("when one more is looked up, then the index starts over instead of growing")
        void startsOver() {
            // Each alias its own organization, found without scanning a store of 100,000.
            for (int i = 0; i < TenantAliasIndex.MAX_ENTRIES; i++) {
                String alias = "t" + i;
                index.find("realm", alias, id -> null, id -> alias, id -> "id-" + alias, wanted -> wanted);
            }
            assertThat(index.size()).isEqualTo(TenantAliasIndex.MAX_ENTRIES);
            lookUp("realm", "acme");
            assertThat(index.size()).isEqualTo(1);
        }
    }
}
