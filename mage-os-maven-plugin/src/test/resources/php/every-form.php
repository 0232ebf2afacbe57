<html><body>Inline HTML with Html\NotAClass and new NotAClass\Either()</body></html>
<?php
declare(strict_types=1);

namespace Shop\Catalog\Model;

use Vendor\Base\AbstractModel;
use Vendor\Api\{ProductInterface, Data\PriceInterface as Price, function price_format, const DEFAULT_PRICE};
use function Vendor\Util\slugify;
use const Vendor\Util\MAX_LENGTH;
use Vendor\Attr\Route, Vendor\Attr\Cached as Cache;

/**
 * A docblock naming Doc\Block\Type and @param Doc\Param $x
 */
#[Route('/product'), Cache(ttl: 60)]
#[\Vendor\Attr\Deprecated]
final class Product extends AbstractModel implements ProductInterface, \Vendor\Api\IdentityInterface
{
    use \Vendor\Traits\Timestamps, Sluggable;

    private ?\Vendor\Types\Money $money = null;
    protected static Price|\Vendor\Types\Amount $price;
    public readonly int $id;
    public const STRING_LOOKALIKE = 'Vendor\\NotAClass\\InString';

    public function __construct(
        private readonly \Vendor\Di\ObjectManagerInterface $objectManager,
        ?Factory\ThingFactory $thingFactory = null,
        #[Sensitive] Vendor2\Relative $relative = new \Vendor\Defaults\NullThing(),
        array $data = [],
        \Vendor\Variadic ...$more
    ) {
        parent::__construct();
    }

    public function price(Price&\Vendor\Types\Comparable $a, (\Vendor\Dnf\A&\Vendor\Dnf\B)|null $b): static|\Vendor\Types\Returned
    {
        // a comment naming Comment\Thing and new Comment\Other()
        # another: \Hash\Comment::foo()
        $x = new \Vendor\Created\Thing();
        $y = Registry::get('x') instanceof \Vendor\Checked\Instance;
        $z = \Vendor\Statics\Helper::CONSTANT;
        $w = \Vendor\Functions\format_price($x);
        $v = namespace\Relative\Local::class;
        $u = slugify('a') . price_format(1) . local_helper() . strlen('x');
        $t = \Vendor\Constants\FLAG | E_ALL;
        $s = "double quoted Vendor\\InDouble\\Quote {$x->method()} " . 'single Vendor\InSingle';
        $r = <<<EOT
            heredoc new Heredoc\Thing() and Heredoc\Other::x()
            EOT;
        $q = <<<'NOW'
        nowdoc Nowdoc\Thing::class
        NOW;
        $p = fn(\Vendor\Arrow\Param $p): \Vendor\Arrow\Returned => $p;
        $o = function (\Vendor\Closure\Param $c) use ($x): \Vendor\Closure\Returned {
            return $c;
        };
        $n = new class(1) extends \Vendor\Anonymous\Base implements \Vendor\Anonymous\Iface {
        };
        $this->call(named: $x)->other();
        try {
            $m = MAX_LENGTH + DEFAULT_PRICE;
        } catch (\Vendor\Errors\First | Errors\Second $e) {
        } catch (\Vendor\Errors\NoVariable) {
        }
        return self::$price;
    }
}
?>
<p><?= $block->escapeHtml(\Vendor\Template\Escaper::class) ?> Text\After\Close tag</p>
