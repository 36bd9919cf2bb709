<#import "template.ftl" as layout>
<@layout.registrationLayout displayInfo=false; section>
<!-- template: trustpack-select-tenant.ftl -->
    <#if section = "header">
        ${msg("trustpackSelectTenantTitle")}
    <#elseif section = "form">
        <p id="trustpack-select-tenant-help">${msg("trustpackSelectTenantHelp")}</p>
        <form id="trustpack-select-tenant-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post">
            <ul class="${properties.kcFormSocialAccountListClass!}" id="trustpack-tenants">
                <#list tenants as tenant>
                    <li class="${properties.kcFormSocialAccountListItemClass!}">
                        <button type="submit" id="tenant-${tenant.alias}" name="tenant" value="${tenant.alias}"
                                class="${properties.kcFormSocialAccountListButtonClass!}">
                            <span class="${properties.kcFormSocialAccountNameClass!}">${tenant.name}</span>
                        </button>
                    </li>
                </#list>
            </ul>
        </form>
    </#if>
</@layout.registrationLayout>
