<#import "template.ftl" as layout>
<#import "trustpack-mfa-rule.ftl" as rule>
<@layout.registrationLayout displayInfo=false; section>
<!-- template: trustpack-mfa-setup.ftl -->
    <#if section = "header">
        ${msg("trustpackMfaSetupTitle")}
    <#elseif section = "form">
        <p id="trustpack-mfa-setup-help">
            <#if mfaDaysLeft??>
                <#if rule.tenantName()?has_content>${msg("trustpackMfaGraceTenant", rule.tenantName(), mfaDaysLeft)}<#else>${msg("trustpackMfaGrace", mfaDaysLeft)}</#if>
            <#elseif mfaRequired>
                <#if rule.tenantName()?has_content>${msg("trustpackMfaRequiredTenant", rule.tenantName())}<#else>${msg("trustpackMfaRequired")}</#if>
            <#else>
                <#if rule.tenantName()?has_content>${msg("trustpackMfaRecommendedTenant", rule.tenantName())}<#else>${msg("trustpackMfaRecommended")}</#if>
            </#if>
        </p>
        <@rule.sentence/>
        <form id="trustpack-mfa-setup-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post">
            <ul class="${properties.kcFormSocialAccountListClass!}" id="trustpack-mfa-factors" aria-labelledby="trustpack-mfa-setup-help">
                <#list mfaFactors as factor>
                    <li class="${properties.kcFormSocialAccountListItemClass!}">
                        <button type="submit" id="setup-${factor}" name="setup" value="${factor}"
                                class="${properties.kcFormSocialAccountListButtonClass!}">
                            <span class="${properties.kcFormSocialAccountNameClass!}">${msg("trustpackMfaSetupFactor." + factor)}</span>
                        </button>
                    </li>
                </#list>
            </ul>
            <#if mfaCanPostpone>
                <div class="${properties.kcFormGroupClass!}">
                    <button type="submit" id="trustpack-mfa-later" name="later" value="later"
                            class="${properties.kcButtonClass!} ${properties.kcButtonSecondaryClass!} ${properties.kcButtonBlockClass!}">${msg("trustpackMfaLater")}</button>
                </div>
            </#if>
        </form>
    </#if>
</@layout.registrationLayout>
