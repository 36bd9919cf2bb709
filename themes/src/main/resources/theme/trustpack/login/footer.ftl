<#macro content>
  <p id="trustpack-footer" class="trustpack-footer">${msg("trustpackFooter", msg("trustpackProductName"))}</p>
</#macro>
