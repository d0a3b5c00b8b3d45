@echo off
rem Starts @NAME@.jar (beside this script) with the JVM flags of the sh launcher @NAME@, so an MCP
rem client on Windows can name this file as its "command". Standard output carries JSON-RPC only.
rem Which java: %OPENAPI_MCP_JAVA%, else the JVM the build ran with, else %JAVA_HOME%\bin\java.exe,
rem else java on the PATH. Extra JVM flags: %OPENAPI_MCP_JAVA_OPTS%. No class-data archive here:
rem the archive and the user cache are the sh launcher's.
setlocal
set "OPENAPI_MCP_RUN_JAVA=%OPENAPI_MCP_JAVA%"
if not defined OPENAPI_MCP_RUN_JAVA if exist "@BUILD_JAVA@" set "OPENAPI_MCP_RUN_JAVA=@BUILD_JAVA@"
if not defined OPENAPI_MCP_RUN_JAVA if defined JAVA_HOME if exist "%JAVA_HOME%\bin\java.exe" set "OPENAPI_MCP_RUN_JAVA=%JAVA_HOME%\bin\java.exe"
if not defined OPENAPI_MCP_RUN_JAVA set "OPENAPI_MCP_RUN_JAVA=java"
rem A collector named in %OPENAPI_MCP_JAVA_OPTS% replaces ours: the JVM exits on two.
set "OPENAPI_MCP_RUN_FLAGS=@FLAGS@"
if defined OPENAPI_MCP_JAVA_OPTS echo(%OPENAPI_MCP_JAVA_OPTS%| findstr /r /c:"-XX:+Use[A-Za-z0-9]*GC\>" >nul && set "OPENAPI_MCP_RUN_FLAGS=%OPENAPI_MCP_RUN_FLAGS:@COLLECTOR@=%"
"%OPENAPI_MCP_RUN_JAVA%" %OPENAPI_MCP_RUN_FLAGS% %OPENAPI_MCP_JAVA_OPTS% -jar "%~dp0@NAME@.jar" %*
exit /b %ERRORLEVEL%
