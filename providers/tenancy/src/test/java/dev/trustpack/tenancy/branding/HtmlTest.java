package dev.trustpack.tenancy.branding;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class HtmlTest {

    @Test
    @DisplayName("given a name with markup, entities or a message reference, when made inert for the header, then none is left")
    void inert() {
        assertThat(Html.inert("Evil <img src=x> &lt;b&gt; \"q\" ${termsText}"))
                .isEqualTo("Evil \u2039img src=x\u203a \uff06lt;b\uff06gt; &quot;q&quot; \uff04{termsText}")
                .doesNotContain("<", ">", "&lt", "&gt", "${");
    }
}
