package io.midtier.db;

/** Where the cache database is and how many XA connections midtier may hold. */
public record DatabaseSettings(String url, String user, String password, int poolSize, int acquisitionTimeoutMs) {

    @Override
    public String toString() {
        // never print the password
        return "DatabaseSettings[url=" + url + ", user=" + user + ", poolSize=" + poolSize + "]";
    }
}
