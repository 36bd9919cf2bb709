<#-- The tenant a second factor is asked for (as the page's branding names it) and the rule that asks for it. -->
<#function tenantName>
  <#return (trustpackBranding.tenantName)!(mfaTenant!"")>
</#function>

<#macro sentence>
  <#if mfaRule??>
    <p id="trustpack-mfa-rule" class="trustpack-mfa-rule">
      <#switch mfaRule>
        <#case "requested">${msg("trustpackMfaRule.requested")}<#break>
        <#case "tenant-role">${msg("trustpackMfaRule.tenant-role", tenantName(), mfaRuleRole!"")}<#break>
        <#case "tenant">${msg("trustpackMfaRule.tenant", tenantName())}<#break>
        <#case "realm-role">${msg("trustpackMfaRule.realm-role", mfaRuleRole!"")}<#break>
        <#default>${msg("trustpackMfaRule.realm")}
      </#switch>
    </p>
  </#if>
</#macro>
