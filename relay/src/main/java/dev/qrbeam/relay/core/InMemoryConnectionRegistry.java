package dev.qrbeam.relay.core;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** In-memory {@link ConnectionRegistry} with a bounded memory of recently gone ids (for {@code peer-gone}). */
public final class InMemoryConnectionRegistry implements ConnectionRegistry {
    private final ConcurrentHashMap<String, Session> live = new ConcurrentHashMap<>();
    private final Map<String, Boolean> gone;

    /** @param goneCapacity how many recently closed ids to remember */
    public InMemoryConnectionRegistry(int goneCapacity) {
        this.gone = new LinkedHashMap<>(16, 0.75f, false) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > goneCapacity;
            }
        };
    }

    public InMemoryConnectionRegistry() {
        this(10_000);
    }

    @Override
    public Session bind(String id, Session session) {
        synchronized (gone) {
            gone.remove(id);
        }
        return live.put(id, session);
    }

    @Override
    public void unbind(String id, Session session) {
        if (id != null && live.remove(id, session)) {
            synchronized (gone) {
                gone.put(id, Boolean.TRUE);
            }
        }
    }

    @Override
    public Session find(String id) {
        return live.get(id);
    }

    @Override
    public boolean recentlyGone(String id) {
        synchronized (gone) {
            return gone.containsKey(id);
        }
    }

    @Override
    public int size() {
        return live.size();
    }
}
