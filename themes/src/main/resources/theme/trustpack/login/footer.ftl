<#-- The footer of every page: what this realm (and, once the user signed in, their tenant) really enforces, as the
     Trustpack modules state it (trustpackBranding.facts, translated and plain text). The tenant's stylesheet is linked
     here, from our own origin: the Content-Security-Policy needs no inline style. -->
<#macro content>
  <#if trustpackBranding?? && trustpackBranding.stylesheet??>
    <link rel="stylesheet" href="${trustpackBranding.stylesheet}">
  </#if>
  <div id="trustpack-footer" class="trustpack-footer">
    <p>${msg("trustpackFooter", msg("trustpackProductName"))}</p>
    <#if trustpackBranding?? && trustpackBranding.facts?has_content>
      <ul id="trustpack-facts" class="trustpack-facts">
        <#list trustpackBranding.facts as fact>
          <li>${fact}</li>
        </#list>
      </ul>
    </#if>
  </div>
</#macro>
