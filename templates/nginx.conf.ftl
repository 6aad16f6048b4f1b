<#-- @ftlvariable name="" type="io.opsstack.render.Models.Nginx" -->
# nginx in front of the app replicas. Rendered by opsstack.
worker_processes auto;

events {
    worker_connections 1024;
}

http {
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    server_tokens off;
    sendfile on;
    keepalive_timeout 65s;
    client_max_body_size ${clientMaxBodySize};

    gzip on;
    gzip_comp_level 5;
    gzip_min_length 1024;
    gzip_proxied any;
    gzip_types application/json application/javascript text/css text/plain text/xml application/xml;

    # Docker's DNS, re-asked every 10 s: replicas that are recreated or added are picked up without a reload.
    resolver ${resolver} valid=10s ipv6=off;

    # Health checks (load balancer, Docker) would drown the access log.
    map $request_uri $loggable {
        ~^/health 0;
        default 1;
    }
    # Behind the load balancer, keep the scheme the client used.
    map $http_x_forwarded_proto $forwarded_proto {
        default $http_x_forwarded_proto;
        "" $scheme;
    }
    access_log /dev/stdout combined if=$loggable;
    error_log /dev/stderr warn;

    server {
        listen 80 default_server;

        # A variable upstream makes nginx resolve "app" at request time, not at start.
        set $app ${appUpstream};
<#if frontendUpstream?has_content || staticRoot?has_content>
<#if frontendUpstream?has_content>
        set $frontend ${frontendUpstream};
</#if>

        # The frontend answers everything but the backend's API and health endpoints.
        location / {
<#if frontendUpstream?has_content>
            proxy_pass $frontend;
            proxy_http_version 1.1;
            proxy_set_header Upgrade $http_upgrade;
            proxy_set_header Connection $http_connection;
            proxy_set_header Host $host;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
            proxy_set_header X-Forwarded-Proto $forwarded_proto;
<#else>
            root ${staticRoot};
            try_files $uri $uri/ /index.html;
</#if>
        }

        location ~ ^/(live|ready)$ {
            access_log off;
            proxy_pass $app;
            proxy_set_header Host $host;
        }

        location /api/ {
<#else>

        location / {
</#if>
            proxy_pass $app;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host $host;
            proxy_set_header X-Real-IP $remote_addr;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
            proxy_set_header X-Forwarded-Proto $forwarded_proto;
            proxy_connect_timeout ${connectTimeoutSeconds}s;
            proxy_send_timeout ${readTimeoutSeconds}s;
            proxy_read_timeout ${readTimeoutSeconds}s;
        }

        location = /health {
            access_log off;
            proxy_pass $app;
            proxy_set_header Host $host;
        }
    }
}
