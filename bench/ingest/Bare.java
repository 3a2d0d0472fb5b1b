import io.vertx.core.Vertx;

/** The ceiling: a bare Vert.x server that accepts any request and answers 202, on the given port. */
public class Bare {
    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        Vertx vertx = Vertx.vertx();
        int loops = Runtime.getRuntime().availableProcessors();
        for (int i = 0; i < loops; i++) {
            vertx.deployVerticle(() -> new io.vertx.core.AbstractVerticle() {
                @Override
                public void start() {
                    vertx.createHttpServer().requestHandler(request -> request.body().onComplete(body ->
                            request.response().setStatusCode(202).putHeader("Content-Type", "application/json")
                                    .end("{\"accepted\":[]}"))).listen(port);
                }
            }, new io.vertx.core.DeploymentOptions());
        }
        System.out.println("LISTENING " + port);
        System.out.flush();
        Thread.currentThread().join();
    }
}
