<#import "template.ftl" as layout>
<#import "trustpack-mfa-rule.ftl" as rule>
<@layout.registrationLayout displayInfo=false; section>
<!-- template: trustpack-mfa-verify.ftl -->
    <#if section = "header">
        ${msg("trustpackMfaVerifyTitle")}
    <#elseif section = "form">
        <p id="trustpack-mfa-verify-help">
            <#if rule.tenantName()?has_content>${msg("trustpackMfaVerifyHelpTenant", rule.tenantName())}<#else>${msg("trustpackMfaVerifyHelp")}</#if>
        </p>
        <@rule.sentence/>
        <form id="trustpack-mfa-verify-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post">
            <ul class="${properties.kcFormSocialAccountListClass!}" id="trustpack-mfa-factors" aria-labelledby="trustpack-mfa-verify-help">
                <#list mfaFactors as factor>
                    <li class="${properties.kcFormSocialAccountListItemClass!}">
                        <button type="submit" id="verify-${factor}" name="factor" value="${factor}"
                                class="${properties.kcFormSocialAccountListButtonClass!}">
                            <span class="${properties.kcFormSocialAccountNameClass!}">${msg("trustpackMfaFactor." + factor)}</span>
                        </button>
                    </li>
                </#list>
            </ul>
        </form>
    </#if>
</@layout.registrationLayout>
