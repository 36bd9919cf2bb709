<#import "template.ftl" as layout>
<@layout.registrationLayout displayInfo=false; section>
<!-- template: trustpack-mfa-incomplete.ftl -->
    <#if section = "header">
        ${msg("trustpackMfaSetupTitle")}
    <#elseif section = "form">
        <form id="trustpack-mfa-incomplete-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post">
            <button type="submit" id="trustpack-mfa-retry" class="${properties.kcButtonClass!} ${properties.kcButtonPrimaryClass!} ${properties.kcButtonBlockClass!}">${msg("trustpackMfaRetry")}</button>
        </form>
    </#if>
</@layout.registrationLayout>
