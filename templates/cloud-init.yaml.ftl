<#-- @ftlvariable name="" type="io.opsstack.render.Models.CloudInit" -->
#cloud-config
# User data of ${environment}'s app hosts (Amazon Linux 2023). Rendered by opsstack: installs Docker and the
# compose plugin (${composeVersion}), writes the files under /opt/opsstack, fetches secrets at boot and starts
# the containers. The app tier embeds this document gzipped.
write_files:
<#list files as f>
  - path: ${f.path}
    permissions: "${f.permissions}"
    owner: root:root
    content: |
${f.content}</#list>
runcmd:
<#list commands as c>
  - ${c}
</#list>
