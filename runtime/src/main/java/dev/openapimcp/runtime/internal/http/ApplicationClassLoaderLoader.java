package dev.openapimcp.runtime.internal.http;

import java.beans.PropertyChangeListener;
import org.apache.catalina.Context;
import org.apache.catalina.Loader;

/**
 * A Tomcat {@link Loader} that hands out the application's own class loader. Tomcat's default gives
 * each context a web-application class loader, which request threads (and the SDK's Reactor threads
 * they start) would carry as context class loader after Tomcat has stopped it; there are no web
 * applications to isolate here, only servlets built in code.
 */
final class ApplicationClassLoaderLoader implements Loader {

  private final ClassLoader classLoader = HttpTransportServer.class.getClassLoader();
  private Context context;

  @Override
  public void backgroundProcess() {
    // Nothing to reload.
  }

  @Override
  public ClassLoader getClassLoader() {
    return classLoader;
  }

  @Override
  public Context getContext() {
    return context;
  }

  @Override
  public void setContext(Context context) {
    this.context = context;
  }

  @Override
  public boolean getDelegate() {
    return true;
  }

  @Override
  public void setDelegate(boolean delegate) {
    // Always the parent's classes: there is only one class loader.
  }

  @Override
  public void addPropertyChangeListener(PropertyChangeListener listener) {
    // No properties change.
  }

  @Override
  public boolean modified() {
    return false;
  }

  @Override
  public void removePropertyChangeListener(PropertyChangeListener listener) {
    // No properties change.
  }
}
